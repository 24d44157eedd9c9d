package dev.lightbox.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class AuthJourneyTest {

    static final String PASSWORD = "Sunny-Meadow-42";
    static final String NEW_PASSWORD = "Quiet-River-77";

    static ValidatableResponse post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    static JsonPath signIn(String email, String password) {
        return post("/api/auth/sign-in", Map.of("email", email, "password", password))
                .statusCode(200).body("tokenType", equalTo("Bearer")).extract().jsonPath();
    }

    static String signedUpAndConfirmed(String name) {
        String email = Identities.uniqueEmail(name);
        post("/api/auth/sign-up", Map.of("email", email, "password", PASSWORD, "name", "Jo " + name)).statusCode(201);
        post("/api/auth/confirm-sign-up", Map.of("email", email, "code", Mailbox.latestCode(email, "sign-up"))).statusCode(204);
        return email;
    }

    @Test
    void signUpConfirmSignInRefreshAndSignOutEverywhere() {
        String email = Identities.uniqueEmail("journey");
        String userId = post("/api/auth/sign-up", Map.of("email", email, "password", PASSWORD, "name", "Jo Journey"))
                .statusCode(201).body("confirmed", equalTo(false)).body("codeDeliveryDestination", notNullValue())
                .extract().path("userId");

        post("/api/auth/sign-in", Map.of("email", email, "password", PASSWORD))
                .statusCode(403).body("code", equalTo("auth.user_not_confirmed"));
        post("/api/auth/confirm-sign-up", Map.of("email", email, "code", Mailbox.latestCode(email, "sign-up"))).statusCode(204);

        JsonPath tokens = signIn(email, PASSWORD);
        String access = tokens.getString("accessToken");
        String refresh = tokens.getString("refreshToken");
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(200)
                .body("id", equalTo(userId)).body("email", equalTo(email)).body("emailVerified", equalTo(true))
                .body("name", equalTo("Jo Journey")).body("status", equalTo("CONFIRMED")).body("enabled", equalTo(true))
                .body("createdAt", notNullValue());

        String refreshed = post("/api/auth/refresh", Map.of("refreshToken", refresh)).statusCode(200)
                .body("accessToken", not(emptyOrNullString())).extract().path("accessToken");
        given().auth().oauth2(refreshed).get("/api/users/me").then().statusCode(200);

        given().auth().oauth2(access).post("/api/auth/sign-out").then().statusCode(204);

        post("/api/auth/refresh", Map.of("refreshToken", refresh))
                .statusCode(401).body("code", equalTo("auth.invalid_refresh_token"));
        for (String token : new String[] { access, refreshed }) {
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").body("code", equalTo("auth.invalid_token"));
        }
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        String email = signedUpAndConfirmed("wrong-password");
        String wrongPassword = post("/api/auth/sign-in", Map.of("email", email, "password", "Not-The-One-1"))
                .statusCode(401).body("code", equalTo("auth.invalid_credentials")).extract().asString();
        String unknownEmail = post("/api/auth/sign-in", Map.of("email", Identities.uniqueEmail("nobody"), "password", "Not-The-One-1"))
                .statusCode(401).body("code", equalTo("auth.invalid_credentials")).extract().asString();
        assertEquals(wrongPassword, unknownEmail);
    }

    @Test
    void forgotPasswordSetsANewPasswordAndTheOldOneStopsWorking() {
        String email = signedUpAndConfirmed("forgot");
        post("/api/auth/forgot-password", Map.of("email", email)).statusCode(202);
        String code = Mailbox.latestCode(email, "forgot-password");
        post("/api/auth/confirm-forgot-password", Map.of("email", email, "code", wrongCode(code), "newPassword", NEW_PASSWORD))
                .statusCode(400).body("code", equalTo("auth.code_mismatch"));
        post("/api/auth/confirm-forgot-password", Map.of("email", email, "code", code, "newPassword", NEW_PASSWORD))
                .statusCode(204);

        signIn(email, NEW_PASSWORD);
        post("/api/auth/sign-in", Map.of("email", email, "password", PASSWORD))
                .statusCode(401).body("code", equalTo("auth.invalid_credentials"));
    }

    @Test
    void forgotPasswordAnswersAlikeForUnknownEmails() {
        post("/api/auth/forgot-password", Map.of("email", Identities.uniqueEmail("ghost"))).statusCode(202);
        post("/api/auth/resend-code", Map.of("email", Identities.uniqueEmail("ghost"))).statusCode(202);
    }

    @Test
    void invitedUserAnswersTheNewPasswordChallengeAndGetsTokens() {
        String email = Identities.uniqueEmail("invitee");
        try (var cognito = Identities.client()) {
            cognito.adminCreateUser(request -> request.userPoolId(Identities.userPoolId()).username(email)
                    .userAttributes(attribute -> attribute.name("email").value(email)));
        }
        String temporary = Mailbox.latestCode(email, "admin-invite");
        JsonPath challenge = post("/api/auth/sign-in", Map.of("email", email, "password", temporary)).statusCode(200)
                .body("challenge", equalTo("NEW_PASSWORD_REQUIRED")).body("$", not(hasKey("accessToken")))
                .extract().jsonPath();

        post("/api/auth/challenge", Map.of("email", email, "session", challenge.getString("session"),
                "challenge", "NEW_PASSWORD_REQUIRED", "newPassword", "weak"))
                .statusCode(400).body("code", equalTo("auth.invalid_password"));
        // Cognito sessions are single-use: a failed answer needs a new sign-in.
        String session = post("/api/auth/sign-in", Map.of("email", email, "password", temporary)).statusCode(200)
                .extract().path("session");
        String access = post("/api/auth/challenge", Map.of("email", email, "session", session,
                "challenge", "NEW_PASSWORD_REQUIRED", "newPassword", NEW_PASSWORD))
                .statusCode(200).body("refreshToken", notNullValue()).extract().path("accessToken");
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(200).body("status", equalTo("CONFIRMED"));
        signIn(email, NEW_PASSWORD);
    }

    @Test
    void signUpConflictsAndPasswordPolicyAndWrongCodes() {
        String email = Identities.uniqueEmail("conflict");
        post("/api/auth/sign-up", Map.of("email", email, "password", "short")).statusCode(400)
                .body("code", equalTo("auth.invalid_password"));
        post("/api/auth/sign-up", Map.of("email", email, "password", PASSWORD)).statusCode(201);
        post("/api/auth/sign-up", Map.of("email", email, "password", PASSWORD)).statusCode(409)
                .body("code", equalTo("auth.user_exists"));
        post("/api/auth/resend-code", Map.of("email", email)).statusCode(202);
        String code = Mailbox.latestCode(email, "resend");
        post("/api/auth/confirm-sign-up", Map.of("email", email, "code", wrongCode(code))).statusCode(400)
                .body("code", equalTo("auth.code_mismatch"));
        post("/api/auth/confirm-sign-up", Map.of("email", email, "code", code)).statusCode(204);
        post("/api/auth/confirm-sign-up", Map.of("email", email, "code", code)).statusCode(409)
                .body("code", equalTo("auth.already_confirmed"));
    }

    @Test
    void signInIsRateLimitedPerEmail() {
        String email = Identities.uniqueEmail("hammer");
        ValidatableResponse last = null;
        for (int attempt = 0; attempt < 11; attempt++) {
            last = post("/api/auth/sign-in", Map.of("email", email, "password", "Not-The-One-1"));
        }
        last.statusCode(429).body("code", equalTo("request.rate_limited")).header("Retry-After", notNullValue());
        // Another email from the same address is not affected.
        post("/api/auth/sign-in", Map.of("email", Identities.uniqueEmail("bystander"), "password", "Not-The-One-1"))
                .statusCode(401);
    }

    static String wrongCode(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
