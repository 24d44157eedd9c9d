package dev.lightbox.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.LocalStackResource;
import dev.lightbox.testsupport.PackagedApp;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Two instances on one database: a sign-out through one is refused by the other at once, although the other had the
 * user's sign-out state cached and would trust it for ten minutes: PostgreSQL's NOTIFY tells it.
 */
@QuarkusIntegrationTest
class SignOutAcrossInstancesIT {

    @Test
    void aSignOutThroughOneInstanceIsRefusedByTheOther() throws Exception {
        Map<String, String> settings = new HashMap<>(LocalStackResource.stack().config());
        settings.put("lightbox.s3.path-style", "true");
        settings.put("lightbox.security.sign-out-cache-ttl", "10m");
        TestUser user = Identities.signedIn("two-instances");
        try (PackagedApp other = PackagedApp.start("second-instance", settings, Map.of())) {
            other.awaitReadiness(200, Duration.ofSeconds(90));
            assertEquals(200, me(other, user), "the other instance serves, and caches, the user");

            given().auth().oauth2(user.accessToken()).post("/api/auth/sign-out").then().statusCode(204);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int status = me(other, user);
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                status = me(other, user);
            }
            assertEquals(401, status, "the other instance still accepts a signed-out token");
        }
    }

    private static int me(PackagedApp app, TestUser user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/users/me")))
                .header("Authorization", "Bearer " + user.accessToken()).timeout(Duration.ofSeconds(20)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
