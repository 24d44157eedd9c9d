package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Listing: keyset pages stay exact while rows are inserted. The 250 images are inserted straight into the database
 * (uploads would only slow the test down; listing never touches S3, presigning is local).
 */
@QuarkusTest
class ImageListTest {

    @Test
    void pagesOfAHundredHaveNoDuplicatesAndNoGapsUnderConcurrentInserts() throws Exception {
        String owner = UUID.randomUUID().toString();
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        Set<String> originals = new HashSet<>();
        try (Connection db = TestImages.database()) {
            for (int i = 0; i < 250; i++) {
                // 25 distinct times, ten images each: the id must break the ties.
                originals.add(insert(db, owner, base.plusSeconds(i / 10)));
            }
        }

        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger inserted = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Connection db = TestImages.database()) {
                while (paging.get() && inserted.get() < 500) {
                    insert(db, owner, Instant.now().truncatedTo(ChronoUnit.MICROS));
                    inserted.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<String> seen = new ArrayList<>();
        List<String> createdAt = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        try {
            // Start after at least one concurrent row exists, so that the first page already races with inserts.
            while (inserted.get() == 0 && !writer.isDone()) {
                Thread.onSpinWait();
            }
            do {
                var request = given().queryParam("owner", owner).queryParam("limit", 100);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.when().get("/api/images").then().statusCode(200)
                        .body("items.url", everyItem(notNullValue())).extract().jsonPath();
                seen.addAll(page.getList("items.id"));
                createdAt.addAll(page.getList("items.createdAt"));
                cursor = page.getString("nextCursor");
                pages++;
                insertNow(owner); // and once more between pages, for certain
            } while (cursor != null && pages < 20);
        } finally {
            paging.set(false);
            writer.get();
        }

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no image twice");
        assertTrue(seen.containsAll(originals), "every image that existed when paging began");
        for (int i = 1; i < createdAt.size(); i++) {
            assertTrue(Instant.parse(createdAt.get(i - 1)).compareTo(Instant.parse(createdAt.get(i))) >= 0, "newest first");
        }
        assertTrue(inserted.get() > 0, "rows were inserted while paging");
    }

    @Test
    void ownerFilterAcceptsAUsernameAndItemsCarryIt() throws Exception {
        String owner = UUID.randomUUID().toString();
        String username = "lister_" + owner.substring(0, 8);
        String id;
        try (Connection db = TestImages.database();
                PreparedStatement profile = db.prepareStatement("insert into user_profile (id, username) values (?, ?)")) {
            profile.setString(1, owner);
            profile.setString(2, username);
            profile.executeUpdate();
            id = insert(db, owner, Instant.now().truncatedTo(ChronoUnit.MICROS));
        }
        given().queryParam("owner", username.toUpperCase()).when().get("/api/images").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].ownerUsername", equalTo(username))
                .body("nextCursor", equalTo(null));
        given().when().get("/api/images/" + id).then().statusCode(200).body("ownerUsername", equalTo(username));
        given().queryParam("owner", "nobody_by_that_name").when().get("/api/images").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void levelFilterAndDefaultLimit() throws Exception {
        String owner = UUID.randomUUID().toString();
        try (Connection db = TestImages.database()) {
            for (int i = 0; i < 25; i++) {
                insert(db, owner, Instant.now().truncatedTo(ChronoUnit.MICROS));
            }
        }
        JsonPath page = given().queryParam("owner", owner).queryParam("level", "public").when().get("/api/images")
                .then().statusCode(200).body("items.level", everyItem(equalTo("public"))).extract().jsonPath();
        assertEquals(20, page.getList("items").size());
        given().queryParam("owner", owner).queryParam("level", "protected").when().get("/api/images")
                .then().statusCode(200).body("items.size()", equalTo(0));
        assertNull(given().queryParam("owner", owner).queryParam("cursor", page.getString("nextCursor"))
                .when().get("/api/images").then().statusCode(200).body("items.size()", equalTo(5))
                .extract().path("nextCursor"));
    }

    @ParameterizedTest(name = "{0}={1} → 400")
    @CsvSource({ "limit,0", "limit,101", "limit,ten", "limit,-1", "cursor,not-a-cursor", "cursor,MTIzfm5vdC1hLXV1aWQ",
            "level,secret", "level,PUBLIC" })
    void badListParametersAreRefused(String name, String value) {
        given().queryParam(name, value).when().get("/api/images").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static void insertNow(String owner) throws Exception {
        try (Connection db = TestImages.database()) {
            insert(db, owner, Instant.now().truncatedTo(ChronoUnit.MICROS));
        }
    }

    private static String insert(Connection db, String owner, Instant createdAt) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = db.prepareStatement("""
                insert into image (id, owner_id, level, status, object_key, filename, content_type, size, width, height,
                                   created_at, updated_at)
                values (?, ?, 'public', 'ready', ?, 'row.png', 'image/png', 68, 2, 2, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, owner);
            insert.setString(3, "public/" + id);
            insert.setTimestamp(4, Timestamp.from(createdAt));
            insert.setTimestamp(5, Timestamp.from(createdAt));
            insert.executeUpdate();
        }
        // Rows written behind the API keep the quota ledger as the API would, so that deleting them later balances.
        try (PreparedStatement usage = db.prepareStatement("""
                insert into user_quota (user_id, used_bytes, used_images) values (?, 68, 1)
                on conflict (user_id) do update set used_bytes = user_quota.used_bytes + 68, used_images = user_quota.used_images + 1""")) {
            usage.setString(1, owner);
            usage.executeUpdate();
        }
        return id.toString();
    }
}
