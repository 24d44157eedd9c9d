package dev.lightbox.image.metadata;

import java.util.Set;

/**
 * Removes metadata (location, camera serials, Exif, XMP, IPTC, comments) from JPEG, PNG, WebP and GIF images at the
 * byte level: segments and chunks are dropped, image data is copied verbatim and nothing is decoded, so the pixels are
 * the client's and this runs the same in a native binary. What each format keeps and loses is said on its filter.
 */
public final class MetadataStripper {

    private MetadataStripper() {
    }

    /** A cleaned image and what was removed from it. */
    public record Stripped(byte[] bytes, Set<MetadataKind> removed) {
    }

    /** A filter for an image of {@code contentType}, one of the four accepted types. */
    public static MetadataFilter filterFor(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> new JpegMetadataFilter();
            case "image/png" -> new PngMetadataFilter();
            case "image/webp" -> new WebpMetadataFilter();
            case "image/gif" -> new GifMetadataFilter();
            default -> throw new IllegalArgumentException("No metadata filter for " + contentType);
        };
    }

    /** The whole {@code image} cleaned; the array is the filter's from then on. */
    public static Stripped strip(byte[] image, String contentType) throws UnreadableImageException {
        MetadataFilter filter = filterFor(contentType);
        byte[] head = filter.next(image);
        byte[] tail = filter.end();
        if (head.length == 0 || tail.length == 0) {
            return new Stripped(head.length == 0 ? tail : head, filter.removed());
        }
        byte[] whole = new byte[head.length + tail.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(tail, 0, whole, head.length, tail.length);
        return new Stripped(whole, filter.removed());
    }
}
