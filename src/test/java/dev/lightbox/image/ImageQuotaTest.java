package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.AuditLines;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Per-user quotas: reported on /api/users/me, set per user by an admin, enforced on both upload paths before a byte is
 * stored, and exact under concurrent uploads and deletes (the ledger always equals the user's image rows).
 */
@QuarkusTest
class ImageQuotaTest {

    /** lightbox.quotas.* defaults. */
    private static final long DEFAULT_MAX_BYTES = 1L << 30;
    private static final int DEFAULT_MAX_IMAGES = 1000;

    private static TestUser admin;

    @Inject
    ImageCleanup cleanup;

    @BeforeAll
    static void signInAdmin() {
        admin = Identities.signedIn("quota-admin", "Admin");
    }

    @Test
    void meReportsUsageAndTheDefaultQuota() {
        TestUser user = Identities.signedIn("quota-me");
        JsonPath me = me(user);
        assertEquals(0L, me.getLong("usage.bytes"));
        assertEquals(0L, me.getLong("usage.images"));
        assertEquals(DEFAULT_MAX_BYTES, me.getLong("quota.maxBytes"));
        assertEquals(DEFAULT_MAX_IMAGES, me.getLong("quota.maxImages"));

        byte[] png = TestImages.png(4, 3);
        String id = TestImages.stream(user, "a.png", png, "image/png").then().statusCode(201).extract().path("id");
        me = me(user);
        assertEquals(png.length, me.getLong("usage.bytes"));
        assertEquals(1L, me.getLong("usage.images"));

        given().auth().oauth2(user.accessToken()).delete("/api/images/" + id).then().statusCode(204);
        me = me(user);
        assertEquals(0L, me.getLong("usage.bytes"));
        assertEquals(0L, me.getLong("usage.images"));
    }

    @Test
    void theImageLimitRefusesBothPathsBeforeAnythingIsStored() throws SQLException {
        TestUser user = Identities.signedIn("quota-images");
        setQuota(user, Map.of("maxImages", 1)).body("quota.maxImages", equalTo(1))
                .body("quota.maxBytes", equalTo((int) DEFAULT_MAX_BYTES)).body("usage.images", equalTo(0));
        String first = TestImages.readyImage(user, "private");

        TestImages.stream(user, "b.png", TestImages.png(2, 2), "image/png", "level", "public")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("quota.exceeded"));
        TestImages.startUpload(user, TestImages.uploadBody("c.png", "image/png", 100, "private"))
                .then().statusCode(413).body("code", equalTo("quota.exceeded"));

        assertEquals(List.of("private/" + user.id() + "/" + first), TestImages.originalKeysContaining(user.id()));
        assertEquals(1L, me(user).getLong("usage.images"));
        ConsistencyAudit.assertUsageMatchesRows();
    }

    @Test
    void theByteLimitCountsWhatIsUsedAndWhatArrives() throws Exception {
        TestUser user = Identities.signedIn("quota-bytes");
        byte[] png = TestImages.png(4, 3);
        setQuota(user, Map.of("maxBytes", 2 * png.length - 1)).body("quota.maxImages", equalTo(DEFAULT_MAX_IMAGES));
        String first = TestImages.stream(user, "a.png", png, "image/png").then().statusCode(201).extract().path("id");

        // Room for all but one byte of the file: refused while it streams, and whatever was written removed.
        TestImages.stream(user, "b.png", png, "image/png", "level", "protected")
                .then().statusCode(413).body("code", equalTo("quota.exceeded"));
        TestImages.stream(user, "big.png", TestImages.paddedPng(3 * 1024 * 1024), "image/png")
                .then().statusCode(413).body("code", equalTo("quota.exceeded"));
        TestImages.startUpload(user, TestImages.uploadBody("c.png", "image/png", png.length, "private"))
                .then().statusCode(413).body("code", equalTo("quota.exceeded"));
        TestImages.startUpload(user, TestImages.uploadBody("d.png", "image/png", png.length - 1, "private"))
                .then().statusCode(201);

        List<String> left = TestImages.originalKeysContaining(user.id());
        for (int wait = 0; wait < 50 && left.size() > 1; wait++) {
            Thread.sleep(100);  // a refused stream is answered first and its object removed right after
            left = TestImages.originalKeysContaining(user.id());
        }
        assertEquals(List.of("private/" + user.id() + "/" + first), left);
        assertEquals(2L * png.length - 1, me(user).getLong("usage.bytes"));
        ConsistencyAudit.assertUsageMatchesRows();
    }

    @Test
    void concurrentUploadsAndDeletesKeepUsageExact() throws Exception {
        TestUser user = Identities.signedIn("quota-race");
        setQuota(user, Map.of("maxImages", 3));
        List<Integer> statuses = concurrently(12, () -> TestImages.startUpload(user,
                TestImages.uploadBody("r.png", "image/png", 100, "private")).statusCode());
        assertEquals(3, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(status -> status == 413).count(), statuses.toString());
        assertEquals(300L, me(user).getLong("usage.bytes"));

        // Deletes and uploads at once: whatever interleaving, the ledger ends equal to the rows and within the limit.
        List<String> ids = imageIds(user);
        assertEquals(3, ids.size());
        List<Callable<Integer>> work = new ArrayList<>();
        for (String id : ids) {
            work.add(() -> given().auth().oauth2(user.accessToken()).delete("/api/images/" + id).statusCode());
        }
        for (int i = 0; i < 6; i++) {
            work.add(() -> TestImages.startUpload(user, TestImages.uploadBody("s.png", "image/png", 10, "private")).statusCode());
        }
        run(work);
        long images = me(user).getLong("usage.images");
        assertTrue(images <= 3, "within the limit: " + images);
        ConsistencyAudit.assertUsageMatchesRows();
    }

    @Test
    void abandonedUploadsGiveTheirShareBack() throws Throwable {
        TestUser user = Identities.signedIn("quota-abandoned");
        TestImages.startUpload(user, TestImages.uploadBody("p.png", "image/png", 1234, "private")).then().statusCode(201);
        assertEquals(1234L, me(user).getLong("usage.bytes"));
        VertxContextSupport.subscribeAndAwait(() -> cleanup.cleanUp(Instant.now().plus(Duration.ofHours(2))));
        assertEquals(0L, me(user).getLong("usage.bytes"));
        assertEquals(0L, me(user).getLong("usage.images"));
        ConsistencyAudit.assertUsageMatchesRows();
    }

    @Test
    void quotaChangesAreValidatedAndAudited() {
        TestUser user = Identities.signedIn("quota-audited");
        List<String> lines = AuditLines.during(() -> {
            setQuota(user, Map.of("maxBytes", 5000, "maxImages", 7)).body("quota.maxBytes", equalTo(5000))
                    .body("quota.maxImages", equalTo(7));
            given().auth().oauth2(admin.accessToken()).contentType("application/json").body(Map.of("maxImages", -1))
                    .put("/api/admin/users/" + user.id() + "/quota").then().statusCode(400);
            given().auth().oauth2(admin.accessToken()).contentType("application/json").body(Map.of("maxImages", 1))
                    .put("/api/admin/users/" + UUID.randomUUID() + "/quota").then().statusCode(404).body("code", equalTo("user.not_found"));
        });
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"action\":\"user.quota\"") && line.contains("\"target\":\"" + user.id() + "\"")
                && line.contains("\"outcome\":\"success\"")), lines.toString());
        JsonPath me = me(user);
        assertEquals(5000L, me.getLong("quota.maxBytes"));
        assertEquals(7L, me.getLong("quota.maxImages"));
        given().auth().oauth2(user.accessToken()).contentType("application/json").body(Map.of("maxImages", 1000))
                .put("/api/admin/users/" + user.id() + "/quota").then().statusCode(403);
    }

    private static ValidatableResponse setQuota(TestUser user, Map<String, Object> body) {
        return given().auth().oauth2(admin.accessToken()).contentType("application/json").body(body)
                .put("/api/admin/users/" + user.id() + "/quota").then().statusCode(200);
    }

    private static JsonPath me(TestUser user) {
        return given().auth().oauth2(user.accessToken()).get("/api/users/me").then().statusCode(200).extract().jsonPath();
    }

    private static List<Integer> concurrently(int count, Callable<Integer> call) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call);
        }
        return run(calls);
    }

    private static List<Integer> run(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> imageIds(TestUser user) throws SQLException {
        try (Connection db = TestImages.database();
                PreparedStatement query = db.prepareStatement("select id from image where owner_id = ?")) {
            query.setString(1, user.id());
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }
}
