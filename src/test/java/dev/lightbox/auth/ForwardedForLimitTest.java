package dev.lightbox.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.FaultTestProfile;
import dev.lightbox.testsupport.Identities;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Behind one trusted proxy (the test plays it, appending the address it "saw"), the per-address limit (20 here) keys
 * on what the proxy appended: whatever a client writes at the start of X-Forwarded-For changes nothing.
 */
@QuarkusTest
@TestProfile(FaultTestProfile.class)
class ForwardedForLimitTest {

    @Test
    void forgedForwardedForEntriesDoNotEscapeThePerAddressLimit() {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 24; attempt++) {
            statuses.add(signIn("10.9." + attempt + ".1, 198.51.100.7", attempt));
        }
        assertEquals(List.of(401), statuses.subList(0, 20).stream().distinct().toList(), "within the limit: wrong password");
        assertEquals(List.of(429), statuses.subList(20, 24).stream().distinct().toList(), "past it, whatever was forged");

        // Another client behind the same proxy, and one that sends no header of its own, are counted apart.
        assertEquals(401, signIn("198.51.100.8", 100));
        assertEquals(401, signIn("203.0.113.1, 198.51.100.9", 101));
    }

    private static int signIn(String forwardedFor, int attempt) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor)
                .body(Map.of("email", Identities.uniqueEmail("forged" + attempt), "password", "Wrong-Password-1"))
                .post("/api/auth/sign-in").statusCode();
    }
}
