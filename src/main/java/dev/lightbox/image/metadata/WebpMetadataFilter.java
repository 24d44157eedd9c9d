package dev.lightbox.image.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * WebP, cleaned by removing RIFF chunks. Kept: the image data (VP8, VP8L, ALPH), the extended header (VP8X), ICC
 * profiles (ICCP) and animation (ANIM, ANMF). Removed: EXIF (an orientation other than upright is written back as an
 * EXIF chunk of that one tag), XMP, unknown chunks, and anything past the RIFF size. VP8X's Exif and XMP flags and the
 * RIFF size are set to match.
 */
final class WebpMetadataFilter extends WholeFileFilter {

    private static final Set<String> IMAGE_CHUNKS = Set.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP");
    private static final byte[] EXIF_PREFIX = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;

    @Override
    byte[] strip(byte[] image, int length, Set<MetadataKind> removed) throws UnreadableImageException {
        if (length < 12 || !ascii(image, 0).equals("RIFF") || !ascii(image, 8).equals("WEBP")) {
            throw new UnreadableImageException("Not a WebP.");
        }
        long end = u32(image, 4) + 8;
        if (end > length) {
            throw new UnreadableImageException("The WebP is shorter than its RIFF header says.");
        }
        if (end < length) {
            removed.add(MetadataKind.OTHER);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) end);
        out.write(image, 0, 12);
        int extendedHeader = -1;
        int orientation = ExifSummary.UPRIGHT;
        long position = 12;
        while (position < end) {
            if (position + 8 > end) {
                throw new UnreadableImageException("A WebP chunk is truncated.");
            }
            int at = (int) position;
            String type = ascii(image, at);
            long size = u32(image, at + 4);
            // Chunks are padded to an even size; a last chunk without its padding byte is tolerated.
            long next = Math.min(position + 8 + size + (size & 1), end);
            if (position + 8 + size > end) {
                throw new UnreadableImageException("A WebP chunk is truncated.");
            }
            if (type.equals("EXIF")) {
                int skip = startsWith(image, at + 8, (int) size, EXIF_PREFIX) ? EXIF_PREFIX.length : 0;
                ExifSummary exif = ExifSummary.read(image, at + 8 + skip, (int) size - skip);
                removed.addAll(exif.kinds());
                orientation = exif.orientation();
            } else if (type.equals("XMP ")) {
                removed.add(MetadataKind.XMP);
            } else if (IMAGE_CHUNKS.contains(type)) {
                if (type.equals("VP8X") && size >= 1) {
                    extendedHeader = out.size();
                }
                out.write(image, at, (int) (next - position));
                if (next - position < 8 + size + (size & 1)) {
                    out.write(0);
                }
            } else {
                removed.add(MetadataKind.OTHER);
            }
            position = next;
        }
        boolean exifWritten = orientation != ExifSummary.UPRIGHT && extendedHeader >= 0;
        if (exifWritten) {
            byte[] tiff = ExifSummary.orientationOnly(orientation);
            out.write(ascii("EXIF"), 0, 4);
            out.write(littleEndian(tiff.length), 0, 4);
            out.write(tiff, 0, tiff.length);  // 26 bytes: even, no padding
        }
        byte[] cleaned = out.toByteArray();
        if (extendedHeader >= 0) {
            int flags = cleaned[extendedHeader + 8] & ~(EXIF_FLAG | XMP_FLAG);
            cleaned[extendedHeader + 8] = (byte) (exifWritten ? flags | EXIF_FLAG : flags);
        }
        System.arraycopy(littleEndian(cleaned.length - 8), 0, cleaned, 4, 4);
        return cleaned;
    }

    private static long u32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
    }

    private static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int at, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
