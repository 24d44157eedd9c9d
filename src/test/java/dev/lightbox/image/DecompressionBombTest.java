package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Small files that declare huge dimensions, and headers cut short or corrupted, of each type, on both upload paths:
 * 422 with a stable code, never 500, and nothing left in the bucket. Uploads are private, so every object key they
 * could leave names the uploader.
 */
@QuarkusTest
class DecompressionBombTest {

    private TestUser uploader;

    @BeforeEach
    void signIn() {
        uploader = Identities.signedIn("bomber");
    }

    @AfterEach
    void nothingGotIn() throws InterruptedException {
        List<Object> ready = given().auth().oauth2(uploader.accessToken()).queryParam("owner", uploader.id())
                .when().get("/api/images").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.status == 'ready' }");
        assertEquals(List.of(), ready, "no ready image");
        // A refused stream is answered first and its object removed right after: allow that a moment.
        List<String> left = TestImages.objectKeysContaining(uploader.id());
        for (int wait = 0; wait < 50 && !left.isEmpty(); wait++) {
            Thread.sleep(100);
            left = TestImages.objectKeysContaining(uploader.id());
        }
        assertEquals(List.of(), left, "no object left in the bucket");
    }

    static Stream<Arguments> bombs() {
        return Stream.of(
                Arguments.of("PNG 30,000 × 30,000", "image/png", TestImages.declaring("image/png", 30_000, 30_000)),
                Arguments.of("PNG 2^31-1 × 2^31-1", "image/png", TestImages.declaring("image/png", Integer.MAX_VALUE, Integer.MAX_VALUE)),
                Arguments.of("JPEG 30,000 × 30,000", "image/jpeg", TestImages.declaring("image/jpeg", 30_000, 30_000)),
                Arguments.of("GIF 30,000 × 30,000", "image/gif", TestImages.declaring("image/gif", 30_000, 30_000)),
                Arguments.of("WebP 16,384 × 16,384", "image/webp", TestImages.declaring("image/webp", 16_384, 16_384)));
    }

    static Stream<Arguments> broken() {
        byte[] png = TestImages.png(4, 3);
        byte[] jpeg = TestImages.jpeg(4, 3);
        byte[] gif = TestImages.gif(4, 3);
        byte[] webp = TestImages.webp(4, 3);
        byte[] webpUnknownChunk = webp.clone();
        webpUnknownChunk[15] = 'Q';  // VP8L → VP8Q
        return Stream.of(
                Arguments.of("PNG cut in its header", "image/png", Arrays.copyOf(png, 20)),
                Arguments.of("PNG declaring a negative width", "image/png", TestImages.declaring("image/png", -1, 3)),
                Arguments.of("PNG declaring 0 × 0", "image/png", TestImages.declaring("image/png", 0, 0)),
                Arguments.of("JPEG cut before its frame", "image/jpeg", Arrays.copyOf(jpeg, TestImages.startOfFrame(jpeg))),
                Arguments.of("JPEG cut inside its frame", "image/jpeg", Arrays.copyOf(jpeg, TestImages.startOfFrame(jpeg) + 6)),
                Arguments.of("JPEG declaring 0 × 0", "image/jpeg", TestImages.declaring("image/jpeg", 0, 0)),
                Arguments.of("GIF cut in its screen descriptor", "image/gif", Arrays.copyOf(gif, 8)),
                Arguments.of("GIF declaring 0 × 0", "image/gif", TestImages.declaring("image/gif", 0, 0)),
                Arguments.of("WebP cut after its chunk header", "image/webp", Arrays.copyOf(webp, 20)),
                Arguments.of("WebP with an unknown chunk", "image/webp", webpUnknownChunk));
    }

    @ParameterizedTest(name = "streamed: {0} → 422 image.too_many_pixels")
    @MethodSource("bombs")
    void streamedBombsAreRefused(String name, String type, byte[] bytes) {
        assertTrue(bytes.length < 1024, "a small file");
        TestImages.stream(uploader, "bomb", bytes, type, "level", "private")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("image.too_many_pixels"));
    }

    @ParameterizedTest(name = "presigned: {0} → 422 image.too_many_pixels, object removed")
    @MethodSource("bombs")
    void presignedBombsAreRefusedAndRemoved(String name, String type, byte[] bytes) {
        completeRefused(type, bytes, "image.too_many_pixels");
    }

    @ParameterizedTest(name = "streamed: {0} → 422")
    @MethodSource("broken")
    void streamedBrokenHeadersAreRefused(String name, String type, byte[] bytes) {
        TestImages.stream(uploader, "broken", bytes, type, "level", "private")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("image.content_mismatch"));
    }

    @ParameterizedTest(name = "presigned: {0} → 422, object removed")
    @MethodSource("broken")
    void presignedBrokenHeadersAreRefusedAndRemoved(String name, String type, byte[] bytes) {
        completeRefused(type, bytes, "image.content_mismatch");
    }

    private void completeRefused(String type, byte[] bytes, String code) {
        String id = TestImages.uploadedNotCompleted(uploader, type, bytes, "private");
        given().auth().oauth2(uploader.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo(code));
        TestImages.assertNoObjectsContaining(id);
        // The pending row is harmless (its URL expires); removed so that the after-check sees a clean slate.
        given().auth().oauth2(uploader.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
    }
}
