package dev.lightbox.auth;

import static dev.lightbox.auth.AuthJourneyTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Authenticator;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** A user protects its account with an authenticator app, signs in with it, and an admin resets it. */
@QuarkusTest
class MfaJourneyTest {

    /** A signed-in user with TOTP MFA on; its secret; and the step whose code enrolment used. */
    record Enrolled(TestUser user, String secret, long usedStep) {
    }

    static Enrolled enroll(String name) {
        TestUser user = Identities.signedIn(name);
        String secret = given().auth().oauth2(user.accessToken()).post("/api/auth/mfa/totp").then().statusCode(200)
                .body("otpauthUri", startsWith("otpauth://totp/Lightbox:" + user.email().replace("@", "%40")))
                .extract().path("secret");
        long step = Authenticator.currentStep();
        confirm(user, Authenticator.code(secret, step)).statusCode(204);
        return new Enrolled(user, secret, step);
    }

    private static ValidatableResponse confirm(TestUser user, String code) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "deviceName", "Phone")).post("/api/auth/mfa/totp/verify").then();
    }

    private static String challengeSession(String email) {
        return post("/api/auth/sign-in", Map.of("email", email, "password", Identities.PASSWORD)).statusCode(200)
                .body("challenge", equalTo("SOFTWARE_TOKEN_MFA")).body("$", not(hasKey("accessToken")))
                .extract().path("session");
    }

    private static ValidatableResponse answer(String email, String session, String code) {
        return post("/api/auth/challenge", Map.of("email", email, "session", session, "challenge", "SOFTWARE_TOKEN_MFA",
                "code", code));
    }

    private static String wrong(String secret) {
        return Authenticator.code(secret, Authenticator.currentStep() + 7);
    }

    @Test
    void enrolledUserNeedsTheAppsCodeAfterThePassword() throws InterruptedException {
        Enrolled enrolled = enroll("mfa-journey");
        String email = enrolled.user().email();
        given().auth().oauth2(enrolled.user().accessToken()).get("/api/users/me").then().statusCode(200)
                .body("mfaEnabled", equalTo(true));
        given().auth().oauth2(enrolled.user().accessToken()).post("/api/auth/sign-out").then().statusCode(204);

        String session = challengeSession(email);
        String retry = answer(email, session, wrong(enrolled.secret())).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("auth.code_mismatch"))
                .body("session", equalTo(session)).extract().path("session");
        answer(email, retry, Authenticator.code(enrolled.secret(), enrolled.usedStep())).statusCode(401)
                .body("code", equalTo("auth.code_mismatch"));
        long next = Authenticator.awaitNextStep();
        String access = answer(email, retry, Authenticator.code(enrolled.secret(), next)).statusCode(200)
                .body("refreshToken", notNullValue()).extract().path("accessToken");
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(200).body("id", equalTo(enrolled.user().id()));

        // The same code again, in a new sign-in within its window: refused.
        answer(email, challengeSession(email), Authenticator.code(enrolled.secret(), next)).statusCode(401)
                .body("code", equalTo("auth.code_mismatch"));
    }

    @Test
    void aWrongPasswordStaysTheSameAnswerWithMfaOn() {
        Enrolled enrolled = enroll("mfa-password");
        post("/api/auth/sign-in", Map.of("email", enrolled.user().email(), "password", "Wrong-Horse-9")).statusCode(401)
                .body("code", equalTo("auth.invalid_credentials")).body("$", not(hasKey("session")));
    }

    @Test
    void aWrongFirstCodeDoesNotTurnMfaOn() {
        TestUser user = Identities.signedIn("mfa-wrong-first");
        String secret = given().auth().oauth2(user.accessToken()).post("/api/auth/mfa/totp").then().statusCode(200)
                .extract().path("secret");
        confirm(user, wrong(secret)).statusCode(400).body("code", equalTo("auth.code_mismatch"));
        given().auth().oauth2(user.accessToken()).get("/api/users/me").then().body("mfaEnabled", equalTo(false));
        post("/api/auth/sign-in", Map.of("email", user.email(), "password", Identities.PASSWORD)).statusCode(200)
                .body("accessToken", notNullValue());
    }

    @Test
    void mfaCannotBeTurnedOnBeforeAnAppIsSetUp() {
        TestUser user = Identities.signedIn("mfa-early");
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .put("/api/auth/mfa").then().statusCode(409).body("code", equalTo("mfa.not_enrolled"));
    }

    @Test
    void theUserTurnsItOffAndThePasswordIsEnoughAgain() {
        Enrolled enrolled = enroll("mfa-off");
        given().auth().oauth2(enrolled.user().accessToken()).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/auth/mfa").then().statusCode(204);
        post("/api/auth/sign-in", Map.of("email", enrolled.user().email(), "password", Identities.PASSWORD)).statusCode(200)
                .body("accessToken", notNullValue());
    }

    @Test
    void anAdminSeesMfaAndResetsIt() {
        Enrolled enrolled = enroll("mfa-reset");
        TestUser admin = Identities.signedIn("mfa-admin", "Admin");
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + enrolled.user().id()).then().statusCode(200)
                .body("mfaEnabled", equalTo(true));
        given().auth().oauth2(enrolled.user().accessToken()).post("/api/admin/users/" + enrolled.user().id() + "/reset-mfa")
                .then().statusCode(403);
        given().auth().oauth2(admin.accessToken()).post("/api/admin/users/" + enrolled.user().id() + "/reset-mfa")
                .then().statusCode(204);
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + enrolled.user().id()).then()
                .body("mfaEnabled", equalTo(false));
        post("/api/auth/sign-in", Map.of("email", enrolled.user().email(), "password", Identities.PASSWORD)).statusCode(200)
                .body("accessToken", notNullValue());
    }

    @Test
    void theChallengeNeedsACode() {
        Enrolled enrolled = enroll("mfa-no-code");
        String session = challengeSession(enrolled.user().email());
        post("/api/auth/challenge", Map.of("email", enrolled.user().email(), "session", session, "challenge", "SOFTWARE_TOKEN_MFA"))
                .statusCode(400).body("errors[0].field", equalTo("code"));
    }
}
