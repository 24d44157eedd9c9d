package dev.lightbox.storage;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.lightbox.storage.ObjectStorage.PresignedUrl;

/**
 * Reuses a signed GET URL for a while instead of signing anew for every answer: a list of 20 images then costs map
 * look-ups instead of 20 SigV4 signatures, and a browser or CDN caches the image under one URL across page loads. A
 * URL is signed for {@code ttl + reuse} and handed out only during its first {@code reuse}, so every client still gets
 * at least {@code ttl} and no URL lives longer than {@code ttl + reuse}. Access is decided before the cache is asked.
 */
final class SignedUrlCache {

    private static final int MAX_ENTRIES = 50_000;

    private record Entry(PresignedUrl url, long reusableUntilNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration maxReuse;

    SignedUrlCache(Duration maxReuse) {
        this.maxReuse = maxReuse;
    }

    /** The URL for {@code key} valid at least {@code ttl}; {@code sign} makes one valid for the duration it is given. */
    PresignedUrl get(String key, Duration ttl, Function<Duration, PresignedUrl> sign) {
        // Short-lived URLs (e.g. a share link's) are reused for a third of their life at most.
        Duration reuse = ttl.dividedBy(3).compareTo(maxReuse) < 0 ? ttl.dividedBy(3) : maxReuse;
        String entryKey = key + '\n' + ttl.toSeconds();
        long now = System.nanoTime();
        Entry cached = entries.get(entryKey);
        if (cached != null && now - cached.reusableUntilNanos() < 0) {
            return cached.url();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();  // a crude bound: the next answers sign again
        }
        PresignedUrl url = sign.apply(ttl.plus(reuse));
        entries.put(entryKey, new Entry(url, now + reuse.toNanos()));
        return url;
    }
}
