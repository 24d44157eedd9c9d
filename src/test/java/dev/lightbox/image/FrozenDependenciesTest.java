package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.lightbox.localstack.LocalStack;
import dev.lightbox.problem.Problem;
import dev.lightbox.testsupport.FaultTestProfile;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;

/**
 * A frozen PostgreSQL or S3 (SIGSTOP: connections open, nothing answers, as in a fail-over) costs a request at most its
 * deadline (1 s here): the client gets 503 with Retry-After, and everything works again once the server resumes,
 * with rows and objects in agreement.
 */
@QuarkusTest
@TestProfile(FaultTestProfile.class)
class FrozenDependenciesTest {

    /** Far above the 1 s deadlines; a request that is not answered by then has hung. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    private final LocalStack stack = LocalStackResource.stack();

    @AfterEach
    void thawEverything() {
        stack.thawDatabase();
        stack.thawStorage();
    }

    @Test
    void frozenDatabaseAnswers503WithinTheDeadlineThenRecovers() {
        TestUser owner = Identities.signedIn("frozen-db");
        String id = TestImages.readyImage(owner, "public");

        stack.freezeDatabase();
        try {
            unavailableWithin(() -> given().get("/api/images").then());
            unavailableWithin(() -> given().auth().oauth2(owner.accessToken()).get("/api/images/" + id).then());
            unavailableWithin(() -> given().get("/api/images/" + id).then());
        } finally {
            stack.thawDatabase();
        }
        eventually(() -> given().auth().oauth2(owner.accessToken()).get("/api/images/" + id).then().statusCode(200));
    }

    @Test
    void frozenStorageFailsUploadsWithin503AndDeletesCatchUpAfterwards() throws Exception {
        TestUser owner = Identities.signedIn("frozen-s3");
        String kept = TestImages.readyImage(owner, "private");
        String deleted = TestImages.readyImage(owner, "public");
        String presigned = TestImages.uploadedNotCompleted(owner, "image/png", TestImages.png(3, 3), "protected");

        stack.freezeStorage();
        try {
            unavailableWithin(() -> TestImages.stream(owner, "frozen.png", TestImages.png(5, 5), "image/png").then());
            unavailableWithin(() -> given().auth().oauth2(owner.accessToken()).post("/api/images/" + presigned + "/complete").then());
            // The row goes at once; the object follows when storage answers again.
            given().auth().oauth2(owner.accessToken()).delete("/api/images/" + deleted).then().statusCode(204);
        } finally {
            stack.thawStorage();
        }
        eventually(() -> TestImages.stream(owner, "after.png", TestImages.png(5, 5), "image/png").then().statusCode(201));
        given().auth().oauth2(owner.accessToken()).get("/api/images/" + kept).then().statusCode(200);
        given().auth().oauth2(owner.accessToken()).get("/api/images/" + deleted).then().statusCode(404);
        ConsistencyAudit.assertRowsAndObjectsAgreeWithin(Duration.ofSeconds(60));
    }

    private static void unavailableWithin(Supplier<ValidatableResponse> request) {
        RestAssuredConfig previous = RestAssured.config();
        RestAssured.config = previous.httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) BOUND.toMillis() * 2));
        try {
            long started = System.nanoTime();
            request.get().statusCode(503).contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", notNullValue()).body("code", equalTo("dependency.unavailable"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("frozen dependency: 503 after %d ms%n", took.toMillis());
            assertTrue(took.compareTo(BOUND) < 0, "answered after " + took);
        } finally {
            RestAssured.config = previous;
        }
    }

    /** Retries until the assertion holds (a breaker may still be open for a few seconds), for up to 30 s. */
    static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(500);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
