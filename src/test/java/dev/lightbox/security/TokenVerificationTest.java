package dev.lightbox.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TokenVerificationTest {

    private static TestUser user;

    @BeforeAll
    static void signIn() {
        user = Identities.signedIn("token-matrix");
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                rejected("expired", token -> Tokens.resigned(token, claims -> {
                    claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(3600).getEpochSecond()));
                    claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(7200).getEpochSecond()));
                })),
                rejected("signed by another key under the pool's kid", token -> Tokens.signedByStranger(token, Tokens.kid(token))),
                rejected("alg none", Tokens::unsigned),
                rejected("HS256 with the public key as secret", Tokens::hmacWithPublicKey),
                rejected("wrong iss", token -> Tokens.resigned(token, claims -> claims.setIssuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other"))),
                rejected("wrong client_id", token -> Tokens.resigned(token, claims -> claims.setClaim("client_id", "another-client"))),
                rejected("ID token where an access token is required", token -> user.idToken()),
                rejected("unknown kid", token -> Tokens.signedByStranger(token, "unknown-kid")),
                rejected("payload altered after signing", token -> Tokens.tampered(token, claims -> claims.setClaim("sub", "someone-else"))),
                rejected("not yet valid", token -> Tokens.resigned(token, claims -> claims.setNotBefore(NumericDate.fromSeconds(Instant.now().plusSeconds(3600).getEpochSecond())))));
    }

    private static Arguments rejected(String name, Function<String, String> forge) {
        return Arguments.of(name, forge);
    }

    @ParameterizedTest(name = "{0} → 401")
    @MethodSource("rejectedTokens")
    void forgedOrInvalidTokenIsRejected(String name, Function<String, String> forge) {
        given().header("Authorization", "Bearer " + forge.apply(user.accessToken()))
                .when().get("/api/users/me")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .contentType("application/problem+json")
                .body("code", equalTo("auth.invalid_token"));
    }

    @Test
    void garbageBearerIsRejected() {
        given().header("Authorization", "Bearer not-a-jwt")
                .when().get("/api/users/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void headerWithoutBearerSchemeIsRejected() {
        given().header("Authorization", user.accessToken())
                .when().get("/api/users/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void badTokenOnARouteGuestsMayUseIsStillRejected() {
        given().header("Authorization", "Bearer " + Tokens.unsigned(user.accessToken()))
                .when().get("/api/users/nobody-in-particular")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void noHeaderOnASignedInRouteIsUnauthorised() {
        given().when().get("/api/users/me")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("auth.required"));
    }

    @Test
    void validEmulatorTokenIsAccepted() {
        given().auth().oauth2(user.accessToken())
                .when().get("/api/users/me")
                .then().statusCode(200).body("id", equalTo(user.id()));
    }

    @Test
    void removedAdminLosesAdminRightsWithTheNextToken() {
        TestUser admin = Identities.signedIn("demoted-admin", "Admin");
        given().auth().oauth2(admin.accessToken()).when().get("/api/users/me")
                .then().statusCode(200).body("groups", hasItem("Admin"));
        given().auth().oauth2(admin.accessToken()).when().get("/api/admin/groups").then().statusCode(200);

        try (var cognito = Identities.client()) {
            cognito.adminRemoveUserFromGroup(request -> request.userPoolId(Identities.userPoolId())
                    .username(admin.email()).groupName("Admin"));
        }
        TestUser demoted = Identities.signInAgain(admin);

        // Roles are the token's groups: one issued before the change keeps them until it expires, verified or cached
        // (the profile lists the groups Cognito has now).
        given().auth().oauth2(admin.accessToken()).when().get("/api/users/me")
                .then().statusCode(200).body("groups", not(hasItem("Admin")));
        given().auth().oauth2(admin.accessToken()).when().get("/api/admin/groups").then().statusCode(200);

        given().auth().oauth2(demoted.accessToken()).when().get("/api/users/me")
                .then().statusCode(200).body("groups", not(hasItem("Admin")));
        given().auth().oauth2(demoted.accessToken()).when().get("/api/admin/groups")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
