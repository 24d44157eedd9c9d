package dev.lightbox.image.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;

import dev.lightbox.image.PhotoSamples;

/** The stripper on its own: what each format loses and keeps, byte for byte, and how it refuses broken files. */
class MetadataStripperTest {

    private static final List<String> TYPES = List.of("image/jpeg", "image/png", "image/webp", "image/gif");

    @Test
    void jpegLosesExifXmpIptcAndCommentButKeepsJfifIccOrientationAndImageDataVerbatim() throws Exception {
        byte[] photo = PhotoSamples.jpeg(12, 8);
        MetadataStripper.Stripped stripped = MetadataStripper.strip(photo.clone(), "image/jpeg");

        assertEquals(Set.of(MetadataKind.GPS, MetadataKind.CAMERA_SERIAL, MetadataKind.EXIF, MetadataKind.XMP, MetadataKind.IPTC,
                MetadataKind.COMMENT), stripped.removed());
        assertNoSecrets(stripped.bytes());
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stripped.bytes()));
        assertMetadataGone(metadata);
        assertNotNull(metadata.getFirstDirectoryOfType(IccDirectory.class), "the ICC profile is kept");
        assertEquals(PhotoSamples.ORIENTATION, metadata.getFirstDirectoryOfType(ExifIFD0Directory.class).getInt(ExifIFD0Directory.TAG_ORIENTATION));
        assertTrue(startsWith(stripped.bytes(), Arrays.copyOf(photo, 20)), "SOI and JFIF come first, unchanged");
        assertTrue(endsWith(stripped.bytes(), PhotoSamples.jpegImageData(12, 8)), "tables, frame, scan: verbatim");
        assertDecodes(stripped.bytes(), 12, 8);
    }

    @Test
    void pngLosesExifTextXmpAndTimeButKeepsIccOrientationAndImageDataVerbatim() throws Exception {
        MetadataStripper.Stripped stripped = MetadataStripper.strip(PhotoSamples.png(5, 9), "image/png");

        assertEquals(Set.of(MetadataKind.GPS, MetadataKind.CAMERA_SERIAL, MetadataKind.EXIF, MetadataKind.XMP, MetadataKind.TEXT,
                MetadataKind.OTHER), stripped.removed());
        assertNoSecrets(stripped.bytes());
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stripped.bytes()));
        assertMetadataGone(metadata);
        assertNotNull(metadata.getFirstDirectoryOfType(IccDirectory.class), "iCCP is kept");
        assertEquals(PhotoSamples.ORIENTATION, metadata.getFirstDirectoryOfType(ExifIFD0Directory.class).getInt(ExifIFD0Directory.TAG_ORIENTATION));
        assertTrue(endsWith(stripped.bytes(), PhotoSamples.pngImageData(5, 9)), "IDAT and IEND: verbatim");
        assertFalse(contains(stripped.bytes(), "tIME".getBytes(StandardCharsets.US_ASCII)));
        assertDecodes(stripped.bytes(), 5, 9);
    }

    @Test
    void webpLosesExifAndXmpKeepsIccOrientationImageDataAndFixesItsHeader() throws Exception {
        MetadataStripper.Stripped stripped = MetadataStripper.strip(PhotoSamples.webp(30, 20), "image/webp");

        assertEquals(Set.of(MetadataKind.GPS, MetadataKind.CAMERA_SERIAL, MetadataKind.EXIF, MetadataKind.XMP), stripped.removed());
        byte[] bytes = stripped.bytes();
        assertNoSecrets(bytes);
        ByteBuffer little = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(bytes.length - 8, little.getInt(4), "RIFF size");
        assertEquals(0x20 | 0x08, bytes[20] & 0xFF, "VP8X flags: ICC and the orientation's Exif, no XMP");
        assertTrue(contains(bytes, PhotoSamples.webpImageData(30, 20)), "VP8L: verbatim");
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
        assertMetadataGone(metadata);
        assertNotNull(metadata.getFirstDirectoryOfType(IccDirectory.class), "ICCP is kept");
        assertEquals(PhotoSamples.ORIENTATION, metadata.getFirstDirectoryOfType(ExifIFD0Directory.class).getInt(ExifIFD0Directory.TAG_ORIENTATION));
    }

    @Test
    void gifLosesCommentAndXmpAndKeepsItsImageBlocks() throws Exception {
        MetadataStripper.Stripped stripped = MetadataStripper.strip(PhotoSamples.gif(6, 4), "image/gif");

        assertEquals(Set.of(MetadataKind.XMP, MetadataKind.COMMENT), stripped.removed());
        assertNoSecrets(stripped.bytes());
        assertArrayEquals(PhotoSamples.plain("image/gif", 6, 4), stripped.bytes(), "exactly the GIF without the two extensions");
    }

    @Test
    void anOrientationThatIsUprightIsNotWrittenBack() throws Exception {
        MetadataStripper.Stripped stripped = MetadataStripper.strip(PhotoSamples.png(3, 3, 1), "image/png");
        assertTrue(stripped.removed().contains(MetadataKind.GPS));
        assertFalse(contains(stripped.bytes(), "eXIf".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "image/jpeg", "image/png", "image/webp", "image/gif" })
    void imagesWithoutMetadataComeOutUnchanged(String type) throws Exception {
        byte[] plain = PhotoSamples.plain(type, 7, 5);
        MetadataStripper.Stripped stripped = MetadataStripper.strip(plain.clone(), type);
        assertArrayEquals(plain, stripped.bytes());
        assertEquals(Set.of(), stripped.removed());
    }

    @ParameterizedTest
    @ValueSource(strings = { "image/jpeg", "image/png", "image/webp", "image/gif" })
    void streamingInAnyChunksGivesTheSameBytesAsAWholeFile(String type) throws Exception {
        byte[] photo = PhotoSamples.of(type, 9, 7);
        byte[] whole = MetadataStripper.strip(photo.clone(), type).bytes();
        for (int chunk : new int[] { 1, 2, 3, 7, 64, 1000 }) {
            MetadataFilter filter = MetadataStripper.filterFor(type);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int offset = 0; offset < photo.length; offset += chunk) {
                out.writeBytes(filter.next(Arrays.copyOfRange(photo, offset, Math.min(photo.length, offset + chunk))));
            }
            out.writeBytes(filter.end());
            assertArrayEquals(whole, out.toByteArray(), "chunks of " + chunk);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "image/jpeg", "image/png", "image/webp", "image/gif" })
    void everyTruncationIsRefusedWithAReason(String type) {
        byte[] photo = PhotoSamples.of(type, 4, 4);
        for (int length = 0; length < photo.length; length++) {
            byte[] truncated = Arrays.copyOf(photo, length);
            assertThrows(UnreadableImageException.class, () -> MetadataStripper.strip(truncated, type), "cut at " + length);
        }
    }

    @Test
    void dataAfterTheImageEndIsDropped() throws Exception {
        byte[] plain = PhotoSamples.plain("image/png", 3, 3);
        byte[] padded = Arrays.copyOf(plain, plain.length + 100);
        MetadataStripper.Stripped stripped = MetadataStripper.strip(padded, "image/png");
        assertArrayEquals(plain, stripped.bytes());
        assertEquals(Set.of(MetadataKind.OTHER), stripped.removed());
    }

    /** Random damage anywhere: refused or cleaned, never another exception, a hang, or output beyond the input's size. */
    @Test
    void corruptFilesNeverEscapeAsAnythingButARefusal() {
        Random random = new Random(14);
        for (String type : TYPES) {
            byte[] photo = PhotoSamples.of(type, 8, 8);
            for (int round = 0; round < 3_000; round++) {
                byte[] damaged = photo.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                try {
                    MetadataStripper.Stripped stripped = MetadataStripper.strip(damaged, type);
                    assertTrue(stripped.bytes().length <= photo.length + 64, type + " output grew");
                } catch (UnreadableImageException refused) {
                    // the upload is answered 422
                } catch (RuntimeException escaped) {
                    fail(type + " round " + round + ": " + escaped, escaped);
                }
            }
        }
    }

    private static void assertMetadataGone(Metadata metadata) {
        assertTrue(metadata.getDirectoriesOfType(GpsDirectory.class).isEmpty(), "no GPS");
        assertTrue(metadata.getDirectoriesOfType(XmpDirectory.class).isEmpty(), "no XMP");
        assertTrue(metadata.getDirectoriesOfType(IptcDirectory.class).isEmpty(), "no IPTC");
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertTrue(exif == null || !exif.containsTag(ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER), "no serial");
        ExifIFD0Directory zero = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertTrue(zero == null || !zero.containsTag(ExifIFD0Directory.TAG_MAKE), "no camera make");
    }

    static void assertNoSecrets(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String secret : PhotoSamples.SECRETS) {
            assertFalse(text.contains(secret), secret);
        }
        assertFalse(text.contains("Lightbox Cam"), "camera make");
    }

    private static void assertDecodes(byte[] bytes, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "decodes");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return true;
            }
        }
        return false;
    }
}
