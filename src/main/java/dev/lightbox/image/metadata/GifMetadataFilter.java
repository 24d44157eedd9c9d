package dev.lightbox.image.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * GIF, cleaned by removing extension blocks. Kept: the screen and image descriptors, colour tables, image data,
 * graphic control and plain-text extensions, and application extensions that affect display (looping: NETSCAPE2.0 and
 * ANIMEXTS1.0; ICC profiles). Removed: comment extensions, XMP and Photoshop/IPTC application extensions, and anything
 * after the trailer. GIF has no orientation.
 */
final class GifMetadataFilter extends WholeFileFilter {

    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int COMMENT = 0xFE;
    private static final int APPLICATION = 0xFF;

    @Override
    byte[] strip(byte[] image, int length, Set<MetadataKind> removed) throws UnreadableImageException {
        String signature = length < 13 ? "" : new String(image, 0, 6, StandardCharsets.US_ASCII);
        if (!signature.equals("GIF87a") && !signature.equals("GIF89a")) {
            throw new UnreadableImageException("Not a GIF.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int position = 13 + colourTableBytes(image[10]);
        if (position > length) {
            throw truncated();
        }
        out.write(image, 0, position);
        while (true) {
            if (position >= length) {
                throw truncated();
            }
            int block = image[position] & 0xFF;
            if (block == TRAILER) {
                out.write(TRAILER);
                if (position + 1 < length) {
                    removed.add(MetadataKind.OTHER);
                }
                return out.toByteArray();
            }
            int end;
            if (block == IMAGE) {
                int data = position + 10;  // descriptor, then the local colour table and the LZW code size
                if (data > length) {
                    throw truncated();
                }
                end = subBlocksEnd(image, length, data + colourTableBytes(image[position + 9]) + 1);
                out.write(image, position, end - position);
            } else if (block == EXTENSION && position + 1 < length) {
                end = subBlocksEnd(image, length, position + 2);
                MetadataKind kind = extensionKind(image, position, length);
                if (kind == null) {
                    out.write(image, position, end - position);
                } else {
                    removed.add(kind);
                }
            } else {
                throw new UnreadableImageException("A GIF block is corrupt.");
            }
            position = end;
        }
    }

    /** What an extension block carries, or null when it is kept. */
    private static MetadataKind extensionKind(byte[] image, int position, int length) {
        int label = image[position + 1] & 0xFF;
        if (label == COMMENT) {
            return MetadataKind.COMMENT;
        }
        if (label != APPLICATION || position + 14 > length || image[position + 2] != 11) {
            return null;
        }
        String application = new String(image, position + 3, 11, StandardCharsets.ISO_8859_1);
        if (application.equals("XMP DataXMP")) {
            return MetadataKind.XMP;
        }
        return application.startsWith("MGK8BIM") || application.startsWith("MGKIPTC") ? MetadataKind.IPTC : null;
    }

    private static int colourTableBytes(byte flags) {
        return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 0x07) + 1);
    }

    /** Where the sub-blocks starting at {@code position} end (after their zero-length terminator). */
    private static int subBlocksEnd(byte[] image, int length, int position) throws UnreadableImageException {
        while (position < length) {
            int size = image[position] & 0xFF;
            position += 1 + size;
            if (size == 0) {
                return position;
            }
        }
        throw truncated();
    }

    private static UnreadableImageException truncated() {
        return new UnreadableImageException("The GIF ends before its trailer.");
    }
}
