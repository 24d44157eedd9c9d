package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Management;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Uploads that should work, both ways, for every accepted type. */
@QuarkusTest
class ImageUploadTest {

    private static TestUser user;

    @BeforeAll
    static void signIn() {
        user = Identities.signedIn("uploader");
    }

    @ParameterizedTest(name = "presigned {0}")
    @ValueSource(strings = { "image/png", "image/jpeg", "image/gif", "image/webp" })
    void presignedUploadBecomesReadyWithItsDimensions(String type) {
        byte[] bytes = TestImages.of(type, 7, 5);
        JsonPath ticket = TestImages.startUpload(user, TestImages.uploadBody("holiday.img", type, bytes.length, null))
                .then().statusCode(201)
                .body("image.status", equalTo("pending"))
                .body("image.level", equalTo("private"))
                .body("image.url", nullValue())
                .body("upload.method", equalTo("PUT"))
                .body("upload.headers.Content-Type", equalTo(type))
                .body("upload.headers.Content-Length", equalTo(Integer.toString(bytes.length)))
                .extract().jsonPath();
        String id = ticket.getString("image.id");
        assertTrue(ticket.getString("upload.url").contains("/uploads/" + user.id() + "/" + id + "?"),
                "the upload has an object of its own, the filename is not in it: " + ticket.getString("upload.url"));

        assertEquals(200, TestImages.put(ticket.getString("upload.url"), type, bytes));
        String url = given().auth().oauth2(user.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(200)
                .body("status", equalTo("ready"))
                .body("contentType", equalTo(type))
                .body("width", equalTo(7)).body("height", equalTo(5))
                .body("size", equalTo(bytes.length))
                .body("filename", equalTo("holiday.img"))
                .body("urlExpiresAt", notNullValue())
                .extract().path("url");
        assertTrue(url.contains("/private/" + user.id() + "/" + id + "?"), "stored as private/{owner}/{id}: " + url);
        HttpResponse<byte[]> download = TestImages.get(url);
        assertEquals(200, download.statusCode());
        assertArrayEquals(bytes, download.body());
        assertEquals(List.of(), TestImages.objectKeysContaining("uploads/" + user.id() + "/" + id), "the upload object is gone");
    }

    @Test
    void aPutRepeatedAfterCompletionChangesNothingThatIsServed() {
        byte[] accepted = TestImages.png(6, 6);
        JsonPath ticket = TestImages.startUpload(user, TestImages.uploadBody("checked.png", "image/png", accepted.length, "public"))
                .then().statusCode(201).extract().jsonPath();
        String id = ticket.getString("image.id");
        String uploadUrl = ticket.getString("upload.url");
        assertEquals(200, TestImages.put(uploadUrl, "image/png", accepted));
        given().auth().oauth2(user.accessToken()).when().post("/api/images/" + id + "/complete").then().statusCode(200);

        // The URL still works until it expires: the same declared type and size, other bytes.
        byte[] replayed = Arrays.copyOf("<html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), accepted.length);
        assertEquals(200, TestImages.put(uploadUrl, "image/png", replayed));

        String url = given().auth().oauth2(user.accessToken()).when().get("/api/images/" + id).then().statusCode(200)
                .extract().path("url");
        assertArrayEquals(accepted, TestImages.get(url).body(), "the image is still what completion checked");
        given().auth().oauth2(user.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(409).body("code", equalTo("upload.already_completed"));
    }

    @ParameterizedTest(name = "streamed {0}")
    @ValueSource(strings = { "image/png", "image/jpeg", "image/gif", "image/webp" })
    void streamedUploadIsReadyAtOnce(String type) {
        byte[] bytes = TestImages.of(type, 9, 4);
        // The part's declared type is ignored: the bytes decide.
        String url = TestImages.stream(user, "scan", bytes, "application/octet-stream", "title", "A title")
                .then().statusCode(201)
                .header("Location", startsWith("/api/images/"))
                .body("status", equalTo("ready"))
                .body("level", equalTo("private"))
                .body("contentType", equalTo(type))
                .body("width", equalTo(9)).body("height", equalTo(4))
                .body("title", equalTo("A title"))
                .body("ownerId", equalTo(user.id()))
                .body("$", hasKey("ownerUsername"))
                .extract().path("url");
        assertArrayEquals(bytes, TestImages.get(url).body());
    }

    @Test
    void streamedUploadLargerThanOnePartGoesUpInParts() {
        byte[] bytes = TestImages.paddedPng(5 * 1024 * 1024 + 300_000);
        String url = TestImages.stream(user, "big.png", bytes, "image/png", "level", "protected")
                .then().statusCode(201).body("size", equalTo(bytes.length)).body("level", equalTo("protected"))
                .extract().path("url");
        assertArrayEquals(bytes, TestImages.get(url).body());
    }

    @Test
    void levelSentAfterTheFileStillDecidesTheKey() {
        String id = TestImages.stream(user, "late.png", TestImages.png(2, 2), "image/png", "level", "public")
                .then().statusCode(201).body("level", equalTo("public")).extract().path("id");
        given().when().get("/api/images/" + id).then().statusCode(200);
        assertEquals(List.of("public/" + id), TestImages.originalKeysContaining(id));
    }

    @Test
    void contentRedirectsToTheBytes() {
        String id = TestImages.readyImage(user, "public");
        String location = given().redirects().follow(false).when().get("/api/images/" + id + "/content")
                .then().statusCode(302).extract().header("Location");
        assertEquals(200, TestImages.get(location).statusCode());
    }

    @Test
    void bucketIsPartOfReadiness() {
        given().when().get(Management.url("/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'bucket' }.status", equalTo("UP"));
    }
}
