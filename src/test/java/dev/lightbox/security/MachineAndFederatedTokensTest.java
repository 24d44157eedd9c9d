package dev.lightbox.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Tokens that did not come from our sign-in endpoints: a back-office job's client-credentials token, and a Hosted UI
 * sign-in of a Google user.
 */
@QuarkusTest
class MachineAndFederatedTokensTest {

    private static String machineToken(String scope) {
        return given().auth().preemptive().basic(LocalStackResource.config("lightbox.machine-clients.client-ids"),
                        LocalStackResource.config("localstack.cognito-machine-client-secret"))
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials").formParam("scope", scope)
                .post(LocalStackResource.config("localstack.cognito-token-endpoint"))
                .then().statusCode(200).extract().path("access_token");
    }

    private static Map<String, String> federatedSignIn(String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("provider", "Google", "subject", UUID.randomUUID().toString().replace("-", ""),
                        "email", Identities.uniqueEmail(name), "name", "Grace Federated"))
                .post(LocalStackResource.config("lightbox.cognito.endpoint") + "/_local/federated-sign-in")
                .then().statusCode(200).extract().jsonPath().getMap("", String.class, String.class);
    }

    @Test
    void aBackOfficeJobWithTheAdminReadScopeReadsUsersAndGroups() {
        TestUser someone = new TestUser(Identities.signedIn("machine-read"));
        String token = machineToken("lightbox/admin.read");
        given().auth().oauth2(token).get("/api/admin/users?email=" + someone.email()).then().statusCode(200)
                .body("items[0].id", equalTo(someone.id()));
        given().auth().oauth2(token).get("/api/admin/users/" + someone.id()).then().statusCode(200);
        given().auth().oauth2(token).get("/api/admin/groups").then().statusCode(200);
    }

    @Test
    void aMachineTokenIsNeverAUser() {
        TestUser someone = new TestUser(Identities.signedIn("machine-never"));
        String token = machineToken("lightbox/admin.read");
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/images").then().statusCode(403);
        given().auth().oauth2(token).post("/api/auth/sign-out").then().statusCode(403);
        given().auth().oauth2(token).post("/api/admin/users/" + someone.id() + "/disable").then().statusCode(403);
        given().auth().oauth2(token).post("/api/admin/users/" + someone.id() + "/reset-mfa").then().statusCode(403);
    }

    @Test
    void withoutTheAdminReadScopeAMachineReadsNothing() {
        String token = machineToken("lightbox/reports.read");
        given().auth().oauth2(token).get("/api/admin/users").then().statusCode(403);
        given().auth().oauth2(token).get("/api/admin/groups").then().statusCode(403);
    }

    @Test
    void aUserTokenWithTheScopeButNotInTheAdminGroupIsRefused() {
        var user = Identities.signedIn("scope-user");
        String withScope = dev.lightbox.testsupport.Tokens.resigned(user.accessToken(),
                claims -> claims.setClaim("scope", "aws.cognito.signin.user.admin lightbox/admin.read"));
        given().auth().oauth2(withScope).get("/api/admin/users").then().statusCode(403);
    }

    @Test
    void aGoogleUserFromTheHostedUiUsesTheServiceLikeAnyone() {
        Map<String, String> tokens = federatedSignIn("hosted-ui");
        String access = tokens.get("access_token");
        String id = given().auth().oauth2(access).get("/api/users/me").then().statusCode(200)
                .body("name", equalTo("Grace Federated")).body("status", equalTo("EXTERNAL_PROVIDER"))
                .body("mfaEnabled", equalTo(false)).extract().path("id");
        String username = "g_" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("username", username))
                .put("/api/users/me/username").then().statusCode(200).body("username", equalTo(username));
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("username", username + "x"))
                .put("/api/users/me/username").then().statusCode(409).body("code", equalTo("username.already_set"));
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("name", "Grace H."))
                .patch("/api/users/me").then().statusCode(200).body("name", equalTo("Grace H."));
        given().get("/api/users/" + username).then().statusCode(200).body("name", equalTo("Grace H."));
        given().auth().oauth2(access).get("/api/images?limit=1").then().statusCode(200);

        var admin = Identities.signedIn("hosted-ui-admin", "Admin");
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + id).then().statusCode(200)
                .body("username", equalTo(username));
        given().auth().oauth2(access).post("/api/auth/sign-out").then().statusCode(204);
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(401);
        given().auth().oauth2(tokens.get("id_token")).get("/api/users/me").then().statusCode(401);
    }

    /** The parts of a signed-in test user these tests use. */
    private record TestUser(String email, String id) {
        TestUser(Identities.TestUser user) {
            this(user.email(), user.id());
        }
    }
}
