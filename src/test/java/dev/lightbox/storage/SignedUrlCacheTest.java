package dev.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.storage.ObjectStorage.PresignedUrl;

class SignedUrlCacheTest {

    private final List<Duration> signedFor = new ArrayList<>();

    private PresignedUrl sign(Duration validity) {
        signedFor.add(validity);
        return new PresignedUrl("https://bucket/key?n=" + signedFor.size(), Instant.now().plus(validity), Map.of());
    }

    @Test
    void aUrlIsReusedDuringItsWindowAndSignedForTheTtlPlusThatWindow() throws InterruptedException {
        SignedUrlCache cache = new SignedUrlCache(Duration.ofMillis(200));
        PresignedUrl first = cache.get("public/a", Duration.ofMinutes(15), this::sign);
        assertSame(first, cache.get("public/a", Duration.ofMinutes(15), this::sign));
        assertEquals(List.of(Duration.ofMinutes(15).plusMillis(200)), signedFor, "valid for at least the TTL when reused last");

        assertNotEquals(first, cache.get("public/b", Duration.ofMinutes(15), this::sign), "another key signs anew");
        Thread.sleep(250);
        assertNotEquals(first, cache.get("public/a", Duration.ofMinutes(15), this::sign), "after the window, a new URL");
    }

    @Test
    void shortLivedUrlsAreReusedForAThirdOfTheirLifeAtMost() {
        SignedUrlCache cache = new SignedUrlCache(Duration.ofMinutes(5));
        cache.get("private/u/a", Duration.ofSeconds(30), this::sign);
        assertEquals(List.of(Duration.ofSeconds(40)), signedFor, "a 30 s URL lives 40 s at most");
        assertNotEquals(cache.get("private/u/a", Duration.ofMinutes(15), this::sign).url(),
                cache.get("private/u/a", Duration.ofSeconds(30), this::sign).url(), "each lifetime has its own URL");
    }
}
