package dev.lightbox.auth;

import static dev.lightbox.auth.AuthJourneyTest.post;
import static dev.lightbox.auth.AuthJourneyTest.wrongCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.LocalStackResource;
import dev.lightbox.testsupport.Mailbox;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PasswordlessTest {

    private static String start(String email) {
        return post("/api/auth/passwordless/start", Map.of("email", email)).statusCode(200)
                .body("session", notNullValue()).extract().path("session");
    }

    private static io.restassured.response.ValidatableResponse verify(String email, String session, String code) {
        return post("/api/auth/passwordless/verify", Map.of("email", email, "session", session, "code", code));
    }

    @Test
    void theRightCodeSignsIn() {
        var user = Identities.signedIn("passwordless");
        String session = start(user.email());
        String access = verify(user.email(), session, Mailbox.latestCode(user.email(), "passwordless"))
                .statusCode(200).body("refreshToken", notNullValue()).extract().path("accessToken");
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(200).body("id", equalTo(user.id()));
    }

    @Test
    void aWrongCodeGivesANewSessionAndTheThirdEndsTheFlow() {
        var user = Identities.signedIn("passwordless-wrong");
        String session = start(user.email());
        String code = Mailbox.latestCode(user.email(), "passwordless");
        for (int attempt = 1; attempt <= 2; attempt++) {
            session = verify(user.email(), session, wrongCode(code)).statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("auth.code_mismatch"))
                    .body("attemptsLeft", equalTo(3 - attempt)).extract().path("session");
        }
        verify(user.email(), session, wrongCode(code)).statusCode(401)
                .body("code", equalTo("auth.challenge_failed")).body("$", not(hasKey("session")));
        verify(user.email(), session, code).statusCode(401);
    }

    @Test
    void aWrongCodeThenTheRightOneSignsIn() {
        var user = Identities.signedIn("passwordless-retry");
        String session = start(user.email());
        String code = Mailbox.latestCode(user.email(), "passwordless");
        String next = verify(user.email(), session, wrongCode(code)).statusCode(401).extract().path("session");
        verify(user.email(), next, code).statusCode(200).body("accessToken", notNullValue());
    }

    @Test
    void aUsedCodeIsRefused() {
        var user = Identities.signedIn("passwordless-reuse");
        String session = start(user.email());
        String code = Mailbox.latestCode(user.email(), "passwordless");
        verify(user.email(), session, code).statusCode(200);
        verify(user.email(), session, code).statusCode(401).body("$", not(hasKey("session")));
        // A new sign-in mails a new code; the used one is just a wrong answer there (unless chance repeats it).
        String secondSession = start(user.email());
        if (!code.equals(Mailbox.latestCode(user.email(), "passwordless"))) {
            verify(user.email(), secondSession, code).statusCode(401).body("code", equalTo("auth.code_mismatch"));
        }
    }

    @Test
    void aCodeAfterItsTimeLimitIsRefused() throws InterruptedException {
        var user = Identities.signedIn("passwordless-late");
        String session = start(user.email());
        String code = Mailbox.latestCode(user.email(), "passwordless");
        Thread.sleep(LocalStackResource.PASSWORDLESS_CODE_TTL.plusMillis(500).toMillis());
        verify(user.email(), session, code).statusCode(401).body("$", not(hasKey("accessToken")));
    }

    @Test
    void anUnknownEmailGetsASessionLikeAnyoneElseButNeverTokens() {
        String email = Identities.uniqueEmail("passwordless-ghost");
        String session = start(email);
        verify(email, session, "123456").statusCode(401).body("$", not(hasKey("accessToken")));
    }
}
