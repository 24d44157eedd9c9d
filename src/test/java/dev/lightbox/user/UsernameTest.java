package dev.lightbox.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class UsernameTest {

    private static String freshName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static ValidatableResponse claim(TestUser user, String username) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("username", username))
                .put("/api/users/me/username").then();
    }

    @Test
    void aUsernameIsSetOnceAndShownPublicly() {
        TestUser alice = Identities.signedIn("alice");
        String name = freshName("alice");
        claim(alice, name).statusCode(200).body("username", equalTo(name)).body("id", equalTo(alice.id()));
        claim(alice, freshName("other")).statusCode(409).body("code", equalTo("username.already_set"));
        claim(alice, name).statusCode(409).body("code", equalTo("username.already_set"));

        given().auth().oauth2(alice.accessToken()).get("/api/users/me").then().statusCode(200).body("username", equalTo(name));
        given().get("/api/users/" + name.toUpperCase()).then().statusCode(200)
                .body("username", equalTo(name)).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("email")));
        try (var cognito = Identities.client()) {
            String mirrored = cognito.adminGetUser(request -> request.userPoolId(Identities.userPoolId()).username(alice.id()))
                    .userAttributes().stream().filter(attribute -> attribute.name().equals("custom:username"))
                    .findFirst().orElseThrow().value();
            assertEquals(name, mirrored);
        }
    }

    @Test
    void aUsernameIsTakenWhateverItsCase() {
        TestUser alice = Identities.signedIn("alice-first");
        TestUser mallory = Identities.signedIn("mallory");
        String name = freshName("alice");
        claim(alice, name).statusCode(200);
        claim(mallory, name.toUpperCase()).statusCode(409).body("code", equalTo("username.taken"));
        claim(mallory, freshName("mallory")).statusCode(200);
    }

    @Test
    void twoConcurrentClaimsOfOneNameHaveExactlyOneWinner() throws Exception {
        List<TestUser> racers = List.of(Identities.signedIn("racer-a"), Identities.signedIn("racer-b"),
                Identities.signedIn("racer-c"), Identities.signedIn("racer-d"));
        String name = freshName("race");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> claims = racers.stream().map(racer -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return claim(racer, name).extract().statusCode();
        })).toList();
        start.countDown();
        List<Integer> statuses = claims.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 409, 409, 409), statuses);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ab", "has space", "dash-ed", "émile", "a234567890123456789012345678901", "" })
    void invalidUsernamesAreRefused(String username) {
        claim(Identities.signedIn("invalid-name"), username).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void unknownPublicProfileIsNotFound() {
        given().get("/api/users/" + freshName("nobody")).then().statusCode(404).body("code", equalTo("user.not_found"));
        given().get("/api/users/not-a-valid-name!").then().statusCode(404);
    }

    @Test
    void nameCanBeChanged() {
        TestUser user = Identities.signedIn("renamed");
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("name", "Ada Lovelace"))
                .patch("/api/users/me").then().statusCode(200).body("name", equalTo("Ada Lovelace"));
        given().auth().oauth2(user.accessToken()).get("/api/users/me").then().body("name", equalTo("Ada Lovelace"));
    }
}
