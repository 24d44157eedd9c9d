package dev.lightbox.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure rules behind the image API: recognising images, acceptable filenames, cursors and keys. */
class ImageRulesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "image/png", "image/jpeg", "image/gif", "image/webp" })
    void everyAcceptedTypeIsRecognisedWithItsSize(String type) {
        byte[] bytes = TestImages.of(type, 321, 123);
        ImageInspector.Inspection inspection = ImageInspector.inspect(bytes, bytes.length);
        assertNotNull(inspection);
        assertEquals(new ImageInspector.Inspection(type, 321, 123), inspection);
        assertEquals(type, ImageInspector.sniff(bytes, ImageInspector.MAGIC_BYTES));
    }

    @Test
    void aPrefixIsEnoughEvenForAPngMuchLargerThanIt() {
        byte[] png = TestImages.png(40, 30);
        byte[] large = Arrays.copyOf(png, ImageInspector.HEADER_BYTES * 4);
        assertEquals(new ImageInspector.Inspection("image/png", 40, 30), ImageInspector.inspect(large, ImageInspector.HEADER_BYTES));
    }

    @ParameterizedTest
    @ValueSource(strings = { "<html><body>hi</body></html>", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "<script>alert(1)</script>", "%PDF-1.7", "GIF8", "" })
    void otherContentIsNotAnImage(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        assertNull(ImageInspector.sniff(bytes, bytes.length));
        assertNull(ImageInspector.inspect(bytes, bytes.length));
    }

    @Test
    void aTruncatedHeaderIsNotAnImage() {
        byte[] png = TestImages.png(4, 4);
        assertNull(ImageInspector.inspect(png, 20));
    }

    @ParameterizedTest
    @ValueSource(strings = { "cat.png", "Ferien 🌊.jpg", "résumé.webp", "a", "emoji 👩‍👩‍👧.gif", ".hidden" })
    void honestFilenamesAreAccepted(String filename) {
        assertNull(FilenamePolicy.problem(filename));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../x.png", "a/b.png", "a\\b.png", "a\u0000b", "a\nb", "a\tb", "x\u202Egnp.exe", "a\u2066b",
            "a\u200Bb", "..", ".", "", " ", " lead.png", "trail.png ", "\uD800x" })
    void filenamesThatHideOrPretendAreRefused(String filename) {
        assertNotNull(FilenamePolicy.problem(filename));
    }

    @Test
    void overlongFilenamesAreRefused() {
        assertNull(FilenamePolicy.problem("x".repeat(255)));
        assertNotNull(FilenamePolicy.problem("x".repeat(256)));
        assertNotNull(FilenamePolicy.problem("a".repeat(1024)));
    }

    @Test
    void cursorRoundTripsAndRefusesForgeries() {
        PageCursor cursor = new PageCursor(Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID());
        assertEquals(cursor, PageCursor.decode(cursor.encode()));
        assertNull(PageCursor.decode("not a cursor"));
        assertNull(PageCursor.decode(""));
        assertNull(PageCursor.decode("MTIzfm5vdC1hLXV1aWQ"));
    }

    @Test
    void objectKeysFollowTheAmplifyLayout() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertEquals("public/" + id, ImageLevel.PUBLIC.objectKey("sub", id));
        assertEquals("protected/sub/" + id, ImageLevel.PROTECTED.objectKey("sub", id));
        assertEquals("private/sub/" + id, ImageLevel.PRIVATE.objectKey("sub", id));
        assertNull(ImageLevel.parse("Private"));
    }
}
