package dev.lightbox.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;

import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A token verified once is served from memory afterwards: what it must never change about who gets in. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Test
    void repeatedRequestsWithOneTokenSeeTheSameCaller() {
        TestUser user = Identities.signedIn("cached-reader", "Doctor");
        String first = me(user.accessToken()).then().statusCode(200).body("id", equalTo(user.id())).extract().asString();
        for (int request = 0; request < 3; request++) {
            assertEquals(first, me(user.accessToken()).then().statusCode(200).extract().asString());
        }
        TestUser other = Identities.signedIn("cached-other");
        me(other.accessToken()).then().statusCode(200).body("id", equalTo(other.id()));
        me(user.accessToken()).then().statusCode(200).body("id", equalTo(user.id()));
    }

    @Test
    void signOutRefusesATokenAlreadyVerified() {
        TestUser user = Identities.signedIn("cached-signing-out");
        me(user.accessToken()).then().statusCode(200);
        me(user.accessToken()).then().statusCode(200);

        given().auth().oauth2(user.accessToken()).post("/api/auth/sign-out").then().statusCode(204);

        me(user.accessToken()).then().statusCode(401).body("code", equalTo("auth.invalid_token"));
    }

    @Test
    void aTokenChangedByOneCharacterIsVerifiedAfreshAndRefused() {
        TestUser user = Identities.signedIn("cached-tampered");
        String token = user.accessToken();
        me(token).then().statusCode(200);

        String[] parts = token.split("\\.");
        // Inside the part, not its last character, whose low bits base64url may ignore.
        String badSignature = parts[0] + "." + parts[1] + "." + changedAt(parts[2], parts[2].length() / 2);
        String badPayload = parts[0] + "." + changedAt(parts[1], parts[1].length() / 2) + "." + parts[2];
        for (String tampered : new String[] { badSignature, badPayload }) {
            assertNotEquals(token, tampered);
            me(tampered).then().statusCode(401).contentType("application/problem+json");
        }
        me(token).then().statusCode(200).body("id", equalTo(user.id()));
    }

    @Test
    void aTokenVerifiedBeforeItsExpiryIsRefusedAfterIt() throws InterruptedException {
        TestUser user = Identities.signedIn("cached-expiring");
        me(user.accessToken()).then().statusCode(200); // a first request after boot may be slow on a busy machine
        long expiresAt = Instant.now().getEpochSecond() + 6;
        String shortLived = Tokens.resigned(user.accessToken(), claims -> claims.setExpirationTime(NumericDate.fromSeconds(expiresAt)));
        me(shortLived).then().statusCode(200).body("id", equalTo(user.id()));
        me(shortLived).then().statusCode(200);

        Thread.sleep(Math.max(0, (expiresAt + 1) * 1000 - System.currentTimeMillis()));

        me(shortLived).then().statusCode(401).body("code", equalTo("auth.invalid_token"));
    }

    private static Response me(String token) {
        return given().auth().oauth2(token).get("/api/users/me");
    }

    private static String changedAt(String base64url, int index) {
        char replacement = base64url.charAt(index) == 'A' ? 'B' : 'A';
        return base64url.substring(0, index) + replacement + base64url.substring(index + 1);
    }
}
