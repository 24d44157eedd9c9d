package dev.lightbox.image.metadata;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an Exif block (a TIFF structure) holds that matters here: its orientation, to be kept, and the kinds of
 * metadata it carries, to be reported as removed. Reads only the first directory and its Exif sub-directory, with
 * every offset checked; a malformed block is simply reported as Exif, upright.
 */
record ExifSummary(int orientation, Set<MetadataKind> kinds) {

    static final int UPRIGHT = 1;

    private static final int ORIENTATION = 0x0112;
    private static final int EXIF_DIRECTORY = 0x8769;
    private static final int GPS_DIRECTORY = 0x8825;
    private static final int DNG_CAMERA_SERIAL = 0xC62F;
    private static final int CAMERA_OWNER = 0xA430;
    private static final int BODY_SERIAL = 0xA431;
    private static final int LENS_SERIAL = 0xA435;
    private static final int MAKER_NOTE = 0x927C;
    private static final int SHORT = 3;
    private static final int ENTRY_BYTES = 12;

    /** The summary of the TIFF structure in {@code bytes[offset, offset + length)}. */
    static ExifSummary read(byte[] bytes, int offset, int length) {
        Tiff tiff = new Tiff(bytes, offset, Math.max(0, Math.min(length, bytes.length - offset)));
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        if (!tiff.valid()) {
            return new ExifSummary(UPRIGHT, EnumSet.of(MetadataKind.EXIF));
        }
        int orientation = UPRIGHT;
        long first = tiff.u32(4);
        int entries = tiff.entries(first);
        boolean onlyOrientation = tiff.u32(first + 2 + (long) entries * ENTRY_BYTES) <= 0;  // no second directory (a thumbnail)
        for (int i = 0; i < entries; i++) {
            long entry = first + 2 + (long) i * ENTRY_BYTES;
            int tag = tiff.u16(entry);
            if (tag == ORIENTATION && tiff.u16(entry + 2) == SHORT) {
                int value = tiff.u16(entry + 8);
                orientation = value >= 1 && value <= 8 ? value : UPRIGHT;
                continue;
            }
            onlyOrientation = false;
            if (tag == GPS_DIRECTORY) {
                kinds.add(MetadataKind.GPS);
            } else if (tag == DNG_CAMERA_SERIAL) {
                kinds.add(MetadataKind.CAMERA_SERIAL);
            } else if (tag == EXIF_DIRECTORY) {
                long exif = tiff.u32(entry + 8);
                for (int j = 0, count = tiff.entries(exif); j < count; j++) {
                    int exifTag = tiff.u16(exif + 2 + (long) j * ENTRY_BYTES);
                    if (exifTag == BODY_SERIAL || exifTag == LENS_SERIAL || exifTag == CAMERA_OWNER || exifTag == MAKER_NOTE) {
                        kinds.add(MetadataKind.CAMERA_SERIAL);
                    }
                }
            }
        }
        if (!onlyOrientation) {
            kinds.add(MetadataKind.EXIF);
        }
        return new ExifSummary(orientation, kinds);
    }

    /** The smallest TIFF structure that says {@code orientation}: a big-endian header and one directory of one entry. */
    static byte[] orientationOnly(int orientation) {
        return new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, // byte order, magic number, first directory at 8
                0, 1, // one entry
                0x01, 0x12, 0, SHORT, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // orientation: SHORT × 1, value left-aligned
                0, 0, 0, 0 }; // no next directory
    }

    /** Bounds-checked reads of a TIFF structure in either byte order; an offset outside it reads as -1. */
    private record Tiff(byte[] bytes, int offset, int length) {

        boolean valid() {
            boolean intel = length >= 8 && bytes[offset] == 'I' && bytes[offset + 1] == 'I';
            boolean motorola = length >= 8 && bytes[offset] == 'M' && bytes[offset + 1] == 'M';
            return (intel || motorola) && u16(2) == 42;
        }

        /** How many whole entries the directory at {@code at} has within the structure. */
        int entries(long at) {
            int count = u16(at);
            if (count <= 0) {
                return 0;
            }
            return (int) Math.min(count, (length - at - 2) / ENTRY_BYTES);
        }

        int u16(long at) {
            if (at < 0 || at + 2 > length) {
                return -1;
            }
            int a = bytes[offset + (int) at] & 0xFF;
            int b = bytes[offset + (int) at + 1] & 0xFF;
            return bigEndian() ? a << 8 | b : b << 8 | a;
        }

        long u32(long at) {
            int high = u16(bigEndian() ? at : at + 2);
            int low = u16(bigEndian() ? at + 2 : at);
            return high < 0 || low < 0 ? -1 : (long) high << 16 | low;
        }

        private boolean bigEndian() {
            return bytes[offset] == 'M';
        }
    }
}
