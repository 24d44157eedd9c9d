package dev.lightbox.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.gif.GifMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngHeader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.webp.WebpDirectory;

/**
 * Recognises an image from its first bytes with metadata-extractor: the media type from the magic number, and the
 * width and height from the header. It only ever sees a prefix of the file ({@link #HEADER_BYTES}), so it uses the
 * readers that stop at the header rather than those that walk the whole file.
 */
final class ImageInspector {

    /** Enough for the header of any JPEG whose metadata segments are not enormous; PNG, GIF and WebP need far less. */
    static final int HEADER_BYTES = 256 * 1024;
    /** Enough for the magic numbers of the four image types (WebP: "RIFF" size "WEBP"). */
    static final int MAGIC_BYTES = 16;

    private static final byte[] PNG_IHDR = { 'I', 'H', 'D', 'R' };

    private ImageInspector() {
    }

    record Inspection(String contentType, int width, int height) {
    }

    /** The media type the bytes start like, such as {@code image/png}; null when not one of the image types we know. */
    static String sniff(byte[] prefix, int length) {
        try {
            FileType type = FileTypeDetector.detectFileType(new BufferedInputStream(new ByteArrayInputStream(prefix, 0, length)));
            return switch (type) {
                case Jpeg, Png, Gif, WebP -> type.getMimeType();
                default -> null;
            };
        } catch (IOException e) {
            return null;
        }
    }

    /** Type and dimensions from the start of a file; null when it is not a readable image of a known type. */
    static Inspection inspect(byte[] prefix, int length) {
        String contentType = sniff(prefix, length);
        if (contentType == null) {
            return null;
        }
        try {
            int[] size = switch (contentType) {
                case "image/png" -> pngSize(prefix, length);
                case "image/jpeg" -> size(JpegMetadataReader.readMetadata(stream(prefix, length), List.of(new JpegReader())),
                        JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
                case "image/gif" -> size(GifMetadataReader.readMetadata(stream(prefix, length)),
                        GifHeaderDirectory.class, GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT);
                case "image/webp" -> size(WebpMetadataReader.readMetadata(stream(prefix, length)),
                        WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
                default -> null;
            };
            return size == null || size[0] <= 0 || size[1] <= 0 ? null : new Inspection(contentType, size[0], size[1]);
        } catch (Exception unreadable) {
            return null;
        }
    }

    /**
     * PNG's header chunk is always the first, right after the 8-byte signature; metadata-extractor's PNG reader wants
     * the whole file down to IEND, so its header parser is given that chunk's 13 bytes.
     */
    private static int[] pngSize(byte[] prefix, int length) throws Exception {
        if (length < 29 || !Arrays.equals(prefix, 12, 16, PNG_IHDR, 0, 4)) {
            return null;
        }
        PngHeader header = new PngHeader(Arrays.copyOfRange(prefix, 16, 29));
        return new int[] { header.getImageWidth(), header.getImageHeight() };
    }

    private static int[] size(Metadata metadata, Class<? extends Directory> type, int widthTag, int heightTag) {
        Directory directory = metadata.getFirstDirectoryOfType(type);
        if (directory == null || !directory.containsTag(widthTag) || !directory.containsTag(heightTag)) {
            return null;
        }
        Integer width = directory.getInteger(widthTag);
        Integer height = directory.getInteger(heightTag);
        return width == null || height == null ? null : new int[] { width, height };
    }

    private static InputStream stream(byte[] prefix, int length) {
        return new ByteArrayInputStream(prefix, 0, length);
    }
}
