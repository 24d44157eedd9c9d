package dev.lightbox.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.localstack.LocalStack;
import dev.lightbox.problem.Problem;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.LocalStackResource;
import dev.lightbox.testsupport.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** With Cognito unreachable, clients are told to come back later, and the instance reports itself not ready. */
@QuarkusTest
class IdentityProviderOutageTest {

    @Test
    void cognitoOutageAnswers503WithRetryAfterUntilItIsBack() {
        TestUser user = Identities.signedIn("outage");
        Map<String, String> credentials = Map.of("email", user.email(), "password", Identities.PASSWORD);
        LocalStack stack = LocalStackResource.stack();

        stack.stopIdentityProvider();
        try {
            given().contentType(ContentType.JSON).body(credentials).post("/api/auth/sign-in")
                    .then().statusCode(503).contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", notNullValue()).body("code", equalTo("dependency.unavailable"));
            // The token still verifies (the pool's keys are cached); the profile needs Cognito.
            given().auth().oauth2(user.accessToken()).get("/api/users/me")
                    .then().statusCode(503).header("Retry-After", notNullValue());
            given().get(Management.url("/health/ready")).then().statusCode(503);
        } finally {
            stack.startIdentityProvider();
        }

        given().contentType(ContentType.JSON).body(credentials).post("/api/auth/sign-in").then().statusCode(200);
        given().get(Management.url("/health/ready")).then().statusCode(200);
    }
}
