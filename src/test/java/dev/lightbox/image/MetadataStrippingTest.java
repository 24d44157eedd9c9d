package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What the owner and anyone they share with download is free of metadata, whichever way and at whichever level the
 * image was uploaded; the image JSON says what went, and the owner's usage counts the stored bytes exactly.
 */
@QuarkusTest
class MetadataStrippingTest {

    private static final Map<String, List<String>> REMOVED = Map.of(
            "image/jpeg", List.of("gps", "camera-serial", "exif", "xmp", "iptc", "comment"),
            "image/png", List.of("gps", "camera-serial", "exif", "xmp", "text", "other"),
            "image/webp", List.of("gps", "camera-serial", "exif", "xmp"),
            "image/gif", List.of("xmp", "comment"));

    private static TestUser user;

    @BeforeAll
    static void signIn() {
        user = Identities.signedIn("photographer");
    }

    static Stream<Arguments> uploads() {
        List<Arguments> uploads = new ArrayList<>();
        for (String path : List.of("streamed", "presigned")) {
            for (String type : List.of("image/jpeg", "image/png", "image/webp", "image/gif")) {
                for (String level : List.of("public", "protected", "private")) {
                    uploads.add(Arguments.of(path, type, level));
                }
            }
        }
        return uploads.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("uploads")
    void downloadedBytesCarryNoMetadataButKeepOrientationAndColours(String path, String type, String level) throws Exception {
        byte[] photo = PhotoSamples.of(type, 13, 7);
        long usageBefore = usedBytes();

        JsonPath image = upload(path, type, photo, level);

        assertEquals(REMOVED.get(type), image.getList("metadataRemoved"));
        assertEquals(level, image.getString("level"));
        assertEquals(13, image.getInt("width"));
        HttpResponse<byte[]> download = TestImages.get(image.getString("url"));
        assertEquals(200, download.statusCode());
        byte[] stored = download.body();
        assertEquals(image.getLong("size"), stored.length, "the JSON's size is the stored object's");
        assertTrue(stored.length < photo.length);
        assertEquals(stored.length, usedBytes() - usageBefore, "usage counts the stored bytes");
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        for (String secret : PhotoSamples.SECRETS) {
            assertFalse(text.contains(secret), secret + " is gone");
        }
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stored));
        assertTrue(metadata.getDirectoriesOfType(GpsDirectory.class).isEmpty(), "no GPS");
        assertTrue(metadata.getDirectoriesOfType(XmpDirectory.class).isEmpty(), "no XMP");
        assertTrue(metadata.getDirectoriesOfType(IptcDirectory.class).isEmpty(), "no IPTC");
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertTrue(exif == null || !exif.containsTag(ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER), "no serial");
        if (!type.equals("image/gif")) {
            assertEquals(PhotoSamples.ORIENTATION, metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)
                    .getInt(ExifIFD0Directory.TAG_ORIENTATION), "still shown upright");
            assertNotNull(metadata.getFirstDirectoryOfType(IccDirectory.class), "colours: the ICC profile is kept");
        }
        if (!type.equals("image/webp")) {  // the WebP sample's bitstream is a stub: headers only
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored));
            assertNotNull(decoded, "still decodes");
            assertEquals(13, decoded.getWidth());
            assertEquals(7, decoded.getHeight());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "streamed", "presigned" })
    void anImageWithoutMetadataIsStoredAsSentAndSaysNothingWasRemoved(String path) {
        byte[] plain = TestImages.jpeg(5, 5);
        JsonPath image = upload(path, "image/jpeg", plain, "private");
        assertEquals(List.of(), image.getList("metadataRemoved"));
        assertTrue(Arrays.equals(plain, TestImages.get(image.getString("url")).body()));
    }

    @Test
    void theImageJsonKeepsSayingWhatWasRemoved() {
        String id = upload("streamed", "image/png", PhotoSamples.png(4, 4), "private").getString("id");
        given().auth().oauth2(user.accessToken()).when().get("/api/images/" + id)
                .then().statusCode(200).body("metadataRemoved", equalTo(REMOVED.get("image/png")));
    }

    /** A file cut short passes the header check but not the stripper: refused, nothing stored, nothing counted. */
    @ParameterizedTest
    @ValueSource(strings = { "streamed", "presigned" })
    void aTruncatedImageIsRefusedAndLeavesNothing(String path) throws Exception {
        byte[] photo = PhotoSamples.jpeg(40, 30);
        byte[] truncated = Arrays.copyOf(photo, photo.length - 20);
        long usageBefore = usedBytes();
        if (path.equals("streamed")) {
            TestImages.stream(user, "cut.jpg", truncated, "image/jpeg").then().statusCode(422)
                    .body("code", equalTo("image.content_mismatch"));
        } else {
            String id = TestImages.uploadedNotCompleted(user, "image/jpeg", truncated, "private");
            given().auth().oauth2(user.accessToken()).when().post("/api/images/" + id + "/complete")
                    .then().statusCode(422).body("code", equalTo("image.content_mismatch"));
            assertFalse(TestImages.objectExists(id), "the refused object is deleted");
            given().auth().oauth2(user.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
        }
        assertEquals(usageBefore, usedBytes());
    }

    private static JsonPath upload(String path, String type, byte[] bytes, String level) {
        if (path.equals("streamed")) {
            return TestImages.stream(user, "photo", bytes, type, "level", level).then().statusCode(201).extract().jsonPath();
        }
        return TestImages.presignedUpload(user, type, bytes, level);
    }

    private static long usedBytes() {
        return given().auth().oauth2(user.accessToken()).when().get("/api/users/me")
                .then().statusCode(200).extract().jsonPath().getLong("usage.bytes");
    }
}
