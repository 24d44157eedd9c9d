package dev.lightbox.auth;

import static dev.lightbox.auth.AuthJourneyTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.EmailOtpProfile;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** The same passwordless endpoints, served by Cognito's USER_AUTH with EMAIL_OTP. */
@QuarkusTest
@TestProfile(EmailOtpProfile.class)
class EmailOtpSignInTest {

    private static String start(String email) {
        return post("/api/auth/passwordless/start", Map.of("email", email)).statusCode(200)
                .body("session", notNullValue()).extract().path("session");
    }

    private static ValidatableResponse verify(String email, String session, String code) {
        return post("/api/auth/passwordless/verify", Map.of("email", email, "session", session, "code", code));
    }

    @Test
    void theEmailedCodeSignsInAfterAWrongOne() {
        var user = Identities.signedIn("email-otp");
        String session = start(user.email());
        String code = Mailbox.latestCode(user.email(), "email-otp");
        String wrong = code.equals("00000000") ? "11111111" : "00000000";
        String retry = verify(user.email(), session, wrong).statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("auth.code_mismatch")).extract().path("session");
        String access = verify(user.email(), retry, code).statusCode(200).body("tokenType", equalTo("Bearer"))
                .extract().path("accessToken");
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(200).body("id", equalTo(user.id()));
    }

    @Test
    void anUnknownEmailLooksTheSameAndNeverSignsIn() {
        String email = Identities.uniqueEmail("email-otp-nobody");
        String session = start(email);
        verify(email, session, "12345678").statusCode(401).body("code", equalTo("auth.code_mismatch"));
    }

    @Test
    void theCodeHasEightDigits() {
        var user = Identities.signedIn("email-otp-digits");
        start(user.email());
        org.hamcrest.MatcherAssert.assertThat(Mailbox.latestCode(user.email(), "email-otp"), matchesPattern("^[0-9]{8}$"));
    }
}
