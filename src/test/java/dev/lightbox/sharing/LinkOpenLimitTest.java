package dev.lightbox.sharing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.FaultTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Opening links is limited per client address (20 here, behind one trusted proxy the test plays): guessing secrets
 * from one address stops with 429, while another address still gets its answers.
 */
@QuarkusTest
@TestProfile(FaultTestProfile.class)
class LinkOpenLimitTest {

    @Test
    void guessingLinksFromOneAddressIsStopped() {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 22; attempt++) {
            statuses.add(open("198.51.100.20", attempt));
        }
        assertEquals(List.of(404), statuses.subList(0, 20).stream().distinct().toList(), "within the limit: no such link");
        assertEquals(List.of(429), statuses.subList(20, 22).stream().distinct().toList(), "past it");
        assertEquals(404, open("198.51.100.21", 0));
    }

    private static int open(String address, int attempt) {
        byte[] guess = new byte[48];
        guess[47] = (byte) attempt;
        return given().contentType("application/json").header("X-Forwarded-For", address)
                .body(Map.of("secret", Base64.getUrlEncoder().withoutPadding().encodeToString(guess)))
                .post("/api/links/open").statusCode();
    }
}
