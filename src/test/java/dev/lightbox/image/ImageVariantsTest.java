package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.Sharing;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Thumbnails and display sizes: made after the upload, upright, served under the original's rules, moved and deleted with it. */
@QuarkusTest
class ImageVariantsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aPhotoTakenSidewaysGetsUprightVariantsAndAPlaceholder() throws Exception {
        TestUser owner = Identities.signedIn("sideways");
        // Stored 400 × 200, red on the left; EXIF orientation 6 says: turn a quarter clockwise to view (200 × 400, red on top).
        byte[] photo = VariantImages.withExifOrientation(VariantImages.halves(400, 200), 6);
        String id = TestImages.stream(owner, "sideways.jpg", photo, "image/jpeg").then().statusCode(201)
                .body("variants.size()", equalTo(0)).extract().path("id");

        JsonPath image = TestImages.withVariants(owner, id, PATIENCE);
        assertEquals(List.of("display", "thumb"), image.getList("variants.name"));
        Map<String, Object> thumb = image.getMap("variants.find { it.name == 'thumb' }");
        assertEquals(128, thumb.get("width"));
        assertEquals(256, thumb.get("height"));
        assertEquals("image/jpeg", thumb.get("contentType"));
        Map<String, Object> display = image.getMap("variants.find { it.name == 'display' }");
        assertEquals(List.of(200, 400), List.of(display.get("width"), display.get("height")), "not enlarged, only turned");

        BufferedImage downloaded = ImageIO.read(new ByteArrayInputStream(TestImages.get((String) thumb.get("url")).body()));
        assertEquals(128, downloaded.getWidth());
        assertEquals(256, downloaded.getHeight());
        assertTrue(VariantImages.isReddish(downloaded.getRGB(64, 20)), "the left of the sensor is now the top");
        assertTrue(VariantImages.isBluish(downloaded.getRGB(64, 236)));

        assertNotNull(image.getString("urlExpiresAt"));
        given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + id).then()
                .body("placeholder.blurhash", matchesPattern("[0-9A-Za-z#$%*+,\\-.:;=?@\\[\\]^_{|}~]{28}"))
                .body("placeholder.color", matchesPattern("#[0-9a-f]{6}"));
    }

    @Test
    void anAnimatedGifGetsAStillThumbnailOnlyAndTransparencyStaysPng() throws Exception {
        TestUser owner = Identities.signedIn("animator");
        String gif = TestImages.stream(owner, "a.gif", VariantImages.animatedGif(300, 200, 3), "image/gif").then().statusCode(201).extract().path("id");
        JsonPath animated = TestImages.withVariants(owner, gif, PATIENCE);
        assertEquals(List.of("thumb"), animated.getList("variants.name"), "viewers show the animated original");
        assertEquals(List.of(256, 171), List.of(animated.getInt("variants[0].width"), animated.getInt("variants[0].height")));

        String png = TestImages.stream(owner, "t.png", VariantImages.transparentPng(40, 30), "image/png").then().statusCode(201).extract().path("id");
        JsonPath transparent = TestImages.withVariants(owner, png, PATIENCE);
        assertEquals(List.of("image/png", "image/png"), transparent.getList("variants.contentType"));
        assertEquals(List.of(40, 40), transparent.getList("variants.width"), "a small image's variants keep its size");
    }

    @Test
    void variantsAreServedUnderTheOriginalsRules() throws Exception {
        TestUser owner = Identities.signedIn("variant-owner");
        TestUser stranger = Identities.signedIn("variant-stranger");
        TestUser friend = Identities.signedIn("variant-friend");
        String id = TestImages.stream(owner, "p.png", TestImages.png(300, 300), "image/png", "level", "private")
                .then().statusCode(201).extract().path("id");
        JsonPath image = TestImages.withVariants(owner, id, PATIENCE);
        for (String url : image.<String>getList("variants.url")) {
            assertEquals(200, TestImages.get(url).statusCode());
            assertEquals(403, TestImages.get(url.substring(0, url.indexOf('?'))).statusCode(), "not without the signature");
        }

        given().auth().oauth2(stranger.accessToken()).when().get("/api/images/" + id).then().statusCode(404);
        given().when().get("/api/images/" + id).then().statusCode(404);
        given().auth().oauth2(stranger.accessToken()).queryParam("owner", owner.id()).when().get("/api/images")
                .then().statusCode(200).body("items.size()", equalTo(0));

        Sharing.grant(owner, id, Map.of("user", friend.id())).then().statusCode(201);
        JsonPath shared = given().auth().oauth2(friend.accessToken()).when().get("/api/images/shared-with-me")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, shared.getList("items.find { it.id == '" + id + "' }.variants").size());

        String secret = Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().path("secret");
        JsonPath opened = Sharing.open(secret).then().statusCode(200).extract().jsonPath();
        assertEquals(2, opened.getList("image.variants").size(), "a link opens the variants too");
        assertEquals(200, TestImages.get(opened.getString("image.variants[1].url")).statusCode());
    }

    @Test
    void aLevelChangeMovesTheVariantsAndADeleteRemovesThem() throws Exception {
        TestUser owner = Identities.signedIn("variant-mover");
        String id = TestImages.stream(owner, "m.png", TestImages.png(500, 250), "image/png", "level", "private")
                .then().statusCode(201).extract().path("id");
        TestImages.withVariants(owner, id, PATIENCE);
        String privateKey = "private/" + owner.id() + "/" + id;
        assertEquals(List.of(privateKey, privateKey + ".display", privateKey + ".thumb"), sortedKeys(id));

        JsonPath moved = given().auth().oauth2(owner.accessToken()).contentType("application/json").body(Map.of("level", "public"))
                .when().patch("/api/images/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("public/" + id, "public/" + id + ".display", "public/" + id + ".thumb"), sortedKeys(id));
        for (String url : moved.<String>getList("variants.url")) {
            assertTrue(url.contains("/public/" + id + "."), url);
            assertEquals(200, TestImages.get(url).statusCode());
        }
        given().when().get("/api/images/" + id).then().statusCode(200).body("variants.size()", equalTo(2));

        given().auth().oauth2(owner.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
        TestImages.assertNoObjectsContaining(id);
        assertEquals(0, count("select count(*) from image_variant where image_id = ?", id));
    }

    @Test
    void workLeftBehindByAStoppedInstanceIsDoneByTheNextPoll() throws Exception {
        TestUser owner = Identities.signedIn("variant-restart");
        String id = TestImages.readyImage(owner, "protected");
        TestImages.withVariants(owner, id, PATIENCE);
        // As if an instance claimed the work and died: the rows it would have written are not there, the claim's lease
        // has run out, and no upload nudges any worker.
        try (Connection db = TestImages.database()) {
            execute(db, "delete from image_variant where image_id = ?", id);
            execute(db, "insert into variant_work (image_id, due_at, attempts, created_at) values (?, now() - interval '1 second', 1, now())"
                    + " on conflict (image_id) do update set due_at = excluded.due_at, attempts = 1, failed_at = null", id);
        }
        given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + id).then().body("variants.size()", equalTo(0));

        assertEquals(2, TestImages.withVariants(owner, id, PATIENCE).getList("variants").size());
        assertEquals(0, count("select count(*) from variant_work where image_id = ?", id));
    }

    @Test
    void aCorruptImageIsMarkedFailedAndTheWorkerGoesOn() throws Exception {
        TestUser owner = Identities.signedIn("variant-corrupt");
        // Its header is a 64 × 64 PNG's; its pixel data is not deflate.
        String broken = TestImages.stream(owner, "broken.png", VariantImages.pngWithBrokenPixels(64, 64), "image/png")
                .then().statusCode(201).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("select count(*) from variant_work where image_id = ? and failed_at is not null", broken) == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(3, count("select attempts from variant_work where image_id = ? and failed_at is not null", broken),
                "failed after lightbox.variants.max-attempts");
        given().auth().oauth2(owner.accessToken()).when().get("/api/images/" + broken).then().statusCode(200)
                .body("variants.size()", equalTo(0)).body("placeholder", equalTo(null)).body("url", matchesPattern("http.*"));

        String fine = TestImages.readyImage(owner, "private");
        assertEquals(2, TestImages.withVariants(owner, fine, PATIENCE).getList("variants").size(), "the worker is still working");
    }

    @Test
    void aVeryLargeImageIsRenderedFromASubsampledDecode() throws Exception {
        TestUser owner = Identities.signedIn("variant-large");
        // 48 megapixels (just under the 50 MP limit): 192 MB as full-size pixels, a few kB as a file.
        String id = TestImages.stream(owner, "large.png", VariantImages.grayPng(8000, 6000), "image/png").then().statusCode(201)
                .extract().path("id");
        JsonPath image = TestImages.withVariants(owner, id, Duration.ofSeconds(60));
        assertEquals(List.of(1280, 256), image.getList("variants.width"));
        assertEquals(List.of(960, 192), image.getList("variants.height"));
    }

    private static List<String> sortedKeys(String id) {
        return TestImages.objectKeysContaining(id).stream().sorted().toList();
    }

    private static int count(String sql, String id) throws Exception {
        try (Connection db = TestImages.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getInt(1) : 0;
            }
        }
    }

    private static void execute(Connection db, String sql, String id) throws IOException, java.sql.SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            statement.executeUpdate();
        }
    }
}
