package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.lightbox.image.ImageRequests.ImagePatch;
import dev.lightbox.localstack.LocalStack;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.LocalStackResource;
import dev.lightbox.testsupport.Management;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Rows and objects stay in step when S3 goes away, and when a change stops half-way as a crash would stop it. */
@QuarkusTest
class ImageConsistencyTest {

    /** Far enough ahead that every retry back-off and upload grace period is over. */
    private static final Duration LATER = Duration.ofHours(2);

    @Inject
    ImageChanges changes;

    @Inject
    ImageDeletions deletions;

    @Inject
    ImageCleanup cleanup;

    @Test
    void deletesAnswerWhileStorageIsDownAndTheObjectGoesOnceItIsBack() throws Exception {
        TestUser owner = Identities.signedIn("outage-owner");
        String id = TestImages.readyImage(owner, "private");
        String other = TestImages.readyImage(owner, "protected");
        String key = "private/" + owner.id() + "/" + id;
        String otherKey = "protected/" + owner.id() + "/" + other;
        assertEquals(List.of(key), TestImages.originalKeysContaining(id));
        TestImages.withVariants(owner, id, Duration.ofSeconds(30));
        TestImages.withVariants(owner, other, Duration.ofSeconds(30));

        LocalStack stack = LocalStackResource.stack();
        assertNotNull(stack, "the test class sees the stack that the test resource started");
        stack.stopStorage();
        try {
            given().auth().oauth2(owner.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
            given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + id).then().statusCode(404);
            // Reads need only the database (URLs are signed locally); writes that need S3 say it is unavailable.
            given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + other).then().statusCode(200);
            given().auth().oauth2(owner.accessToken()).contentType("application/json").body("{\"level\":\"public\"}")
                    .when().patch("/api/images/" + other).then().statusCode(503).header("Retry-After", "5");
            TestImages.stream(owner, "down.png", TestImages.png(2, 2), "image/png").then().statusCode(503)
                    .header("Retry-After", "5").contentType("application/problem+json");
            given().when().get(Management.url("/health/ready")).then().statusCode(503)
                    .body("checks.find { it.name == 'bucket' }.status", equalTo("DOWN"));
        } finally {
            stack.startStorage();
            restoreStore(List.of(key, key + ".thumb", key + ".display", otherKey, otherKey + ".thumb", otherKey + ".display"));
        }
        given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + other).then().statusCode(200)
                .body("level", equalTo("protected"));
        // The failed deletions (the original's and its two variants') opened the storage breaker; the bucket check goes
        // through it, so ready means S3 calls are let through again.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().when().get(Management.url("/health/ready")).statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }

        cleanUp();
        assertEquals(List.of(), TestImages.objectKeysContaining(id));
        assertEquals(0, outboxEntries(key));
        assertEquals(List.of(otherKey, otherKey + ".display", otherKey + ".thumb"), TestImages.objectKeysContaining(other).stream().sorted().toList(),
                "the failed move left the image and its variants where they were, and only there");
    }

    @Test
    void moveStoppedBetweenCopyAndDeleteLeavesOneObjectTheRowPointsAt() {
        TestUser owner = Identities.signedIn("mover");
        byte[] bytes = TestImages.png(6, 6);
        String id = TestImages.stream(owner, "m.png", bytes, "image/png").then().statusCode(201).extract().path("id");
        assertEquals(2, TestImages.withVariants(owner, id, Duration.ofSeconds(30)).getList("variants").size());

        // The first half of a level change, as if the process died right after it.
        await(() -> Panache.withSession(() -> Image.<Image>findById(UUID.fromString(id)))
                .chain(image -> changes.moveObject(image, ImageLevel.PUBLIC, new ImagePatch(null, null, null))));
        String url = given().when().get("/api/images/" + id).then().statusCode(200).body("level", equalTo("public"))
                .extract().path("url");
        assertArrayEquals(bytes, TestImages.get(url).body());

        cleanUp();
        assertEquals(List.of("public/" + id, "public/" + id + ".display", "public/" + id + ".thumb"),
                TestImages.objectKeysContaining(id).stream().sorted().toList(), "the original and its variants moved, none left behind");
        assertArrayEquals(bytes, TestImages.get(url).body());
        for (String variantUrl : given().when().get("/api/images/" + id).then().extract().jsonPath().<String>getList("variants.url")) {
            assertEquals(200, TestImages.get(variantUrl).statusCode());
        }
    }

    @Test
    void copyThatNoRowPointsAtIsRemovedAndTheOriginalKept() throws Exception {
        TestUser owner = Identities.signedIn("half-mover");
        String id = TestImages.readyImage(owner, "private");
        String original = "private/" + owner.id() + "/" + id;
        // A crash after the copy and before the row changed: the guard entry is all that knows about the copy.
        try (var s3 = TestImages.s3()) {
            s3.copyObject(request -> request.sourceBucket(TestImages.bucket()).sourceKey(original)
                    .destinationBucket(TestImages.bucket()).destinationKey("public/" + id));
        }
        try (Connection db = TestImages.database();
                PreparedStatement insert = db.prepareStatement(
                        "insert into object_deletion (object_key, due_at, created_at) values (?, now(), now()), (?, now(), now())")) {
            insert.setString(1, "public/" + id);
            insert.setString(2, original); // an entry for a key a row still points at must not delete it
            insert.executeUpdate();
        }

        cleanUp();
        assertEquals(List.of(original), TestImages.originalKeysContaining(id));
        given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + id).then().statusCode(200);
        assertEquals(0, outboxEntries(original));
    }

    @Test
    void aDeletionWaitsWhileAWriteToTheSameKeyIsUnderWay() throws Exception {
        String key = "public/" + UUID.randomUUID();
        try (var s3 = TestImages.s3()) {
            s3.putObject(request -> request.bucket(TestImages.bucket()).key(key).contentType("image/png"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(TestImages.png(2, 2)));
        }
        // An old deletion of this key is due, but a writer (say, a move back to this level) has guarded it.
        try (Connection db = TestImages.database();
                PreparedStatement insert = db.prepareStatement("insert into object_deletion (object_key, due_at, created_at) values "
                        + "(?, now() - interval '1 minute', now()), (?, now() + interval '1 hour', now())")) {
            insert.setString(1, key);
            insert.setString(2, key);
            insert.executeUpdate();
        }
        await(() -> cleanup.cleanUp(Instant.now()));
        assertEquals(List.of(key), TestImages.objectKeysContaining(key), "the write's object is not deleted under it");
        assertEquals(2, outboxEntries(key));

        cleanUp(); // once the guard is due and no row claimed the key, the object goes
        assertEquals(List.of(), TestImages.objectKeysContaining(key));
        assertEquals(0, outboxEntries(key));
    }

    @Test
    void abandonedUploadsAreRemovedWithTheirObjects() throws Exception {
        TestUser owner = Identities.signedIn("abandoner");
        String id = TestImages.uploadedNotCompleted(owner, "image/png", TestImages.png(2, 2), "public");

        cleanUp();
        given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + id).then().statusCode(404);
        TestImages.assertNoObjectsContaining(id);
    }

    @Test
    void deletingAllOfAUsersImagesRemovesRowsAndObjects() throws Exception {
        TestUser owner = Identities.signedIn("leaver");
        String kept = TestImages.readyImage(Identities.signedIn("stayer"), "public");
        TestImages.readyImage(owner, "public");
        TestImages.readyImage(owner, "private");
        TestImages.startUpload(owner, TestImages.uploadBody("p.png", "image/png", 10, null)).then().statusCode(201);

        assertEquals(3L, await(() -> deletions.deleteAllOwnedBy(owner.id())));
        given().auth().oauth2(owner.accessToken()).queryParam("owner", owner.id()).when().get("/api/images")
                .then().statusCode(200).body("items.size()", equalTo(0));
        TestImages.assertNoObjectsContaining(owner.id());
        given().when().get("/api/images/" + kept).then().statusCode(200);
        assertEquals(0L, await(() -> deletions.deleteAllOwnedBy(owner.id())));
    }

    /**
     * The test stack's S3Proxy keeps objects in memory (its transient store): a restart loses the bucket and every
     * object. A real outage keeps them, so the bucket is made again and each object put back unless the clean-up has
     * already deleted it (its outbox entry is gone). That check and the put hold the key's advisory lock, the lock the
     * clean-up holds while it checks and deletes, so the scheduled clean-up cannot slip in between.
     */
    private static void restoreStore(List<String> keys) throws Exception {
        try (var s3 = TestImages.s3(); Connection db = TestImages.database()) {
            try {
                s3.createBucket(request -> request.bucket(TestImages.bucket()));
            } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException kept) {
                return; // a store that survives restarts needs nothing put back
            }
            db.setAutoCommit(false);
            for (String key : keys) {
                try (PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(hashtext(?))");
                        PreparedStatement pending = db.prepareStatement(
                                "select (select count(*) from object_deletion where object_key = ?) + (select count(*) from image where object_key = ?)"
                                        + " + (select count(*) from image_variant where object_key = ?)")) {
                    lock.setString(1, key);
                    lock.execute();
                    pending.setString(1, key);
                    pending.setString(2, key);
                    pending.setString(3, key);
                    try (ResultSet result = pending.executeQuery()) {
                        result.next();
                        if (result.getInt(1) > 0) {
                            s3.putObject(request -> request.bucket(TestImages.bucket()).key(key).contentType("image/png"),
                                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(TestImages.png(4, 3)));
                        }
                    }
                }
                db.commit();
            }
        }
    }

    private void cleanUp() {
        await(() -> cleanup.cleanUp(Instant.now().plus(LATER)));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static int outboxEntries(String key) throws Exception {
        try (Connection db = TestImages.database();
                PreparedStatement query = db.prepareStatement("select count(*) from object_deletion where object_key = ?")) {
            query.setString(1, key);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
