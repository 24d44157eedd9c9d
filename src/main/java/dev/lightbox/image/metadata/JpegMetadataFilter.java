package dev.lightbox.image.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JPEG, cleaned by removing segments as they stream by. Kept: JFIF (APP0), ICC profiles (APP2), Adobe's colour
 * transform (APP14) and every segment needed to decode; the entropy-coded data is copied verbatim. Removed: Exif (APP1;
 * an orientation other than upright is written back as an Exif of that one tag), XMP (APP1), Photoshop/IPTC (APP13),
 * comments (COM), every other application segment (APP3–APP12, APP15, JFXX thumbnails, multi-picture indexes), and
 * anything after the end-of-image marker.
 */
final class JpegMetadataFilter extends StreamingFilter {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP13 = 0xED;
    private static final int APP14 = 0xEE;
    private static final int APP15 = 0xEF;
    private static final int COM = 0xFE;
    private static final byte[] JFIF = ascii("JFIF\0");
    private static final byte[] EXIF = ascii("Exif\0\0");
    private static final byte[] XMP = ascii("http://ns.adobe.com/xap/1.0/\0");
    private static final byte[] EXTENDED_XMP = ascii("http://ns.adobe.com/xmp/extension/\0");
    private static final byte[] ICC_PROFILE = ascii("ICC_PROFILE\0");
    private static final byte[] ADOBE = ascii("Adobe");

    private enum Step { SIGNATURE, MARKER, ENTROPY, LENGTH, APPLICATION_SEGMENT }

    private Step step = Step.SIGNATURE;
    private int marker;

    JpegMetadataFilter() {
        gather(2);
    }

    @Override
    void onGathered(byte[] data, int length) throws UnreadableImageException {
        switch (step) {
            case SIGNATURE -> {
                if (u8(data, 0) != 0xFF || u8(data, 1) != SOI) {
                    throw new UnreadableImageException("Not a JPEG.");
                }
                emit(data, 0, 2);
                expectMarker();
            }
            case MARKER, ENTROPY -> onMarker(data);
            case LENGTH -> onLength((u8(data, 0) << 8 | u8(data, 1)) - 2);
            case APPLICATION_SEGMENT -> onApplicationSegment(data, length);
        }
    }

    private void onMarker(byte[] data) throws UnreadableImageException {
        if (u8(data, 0) != 0xFF) {
            throw new UnreadableImageException("A JPEG segment does not start with a marker.");
        }
        int code = u8(data, 1);
        boolean restartOrStuffing = code == 0x00 || code >= 0xD0 && code <= 0xD7;
        if (code == 0xFF) {
            gatherAfter((byte) 0xFF, 2);  // a fill byte: dropped, it carries nothing
        } else if (step == Step.ENTROPY && restartOrStuffing) {
            emit(data, 0, 2);
            scan();
        } else if (code == EOI) {
            emit(data, 0, 2);
            finish();
        } else if (code == 0x00 || code == SOI) {
            throw new UnreadableImageException("A JPEG has a misplaced marker.");
        } else if (code == 0x01 || code >= 0xD0 && code <= 0xD7) {
            emit(data, 0, 2);  // markers without a length
            expectMarker();
        } else {
            marker = code;
            step = Step.LENGTH;
            gather(2);
        }
    }

    private void onLength(int payload) throws UnreadableImageException {
        if (payload < 0) {
            throw new UnreadableImageException("A JPEG segment has an impossible length.");
        }
        if (marker == COM) {
            removed(MetadataKind.COMMENT);
            skip(payload);
            expectMarker();
        } else if (marker == APP13) {
            removed(MetadataKind.IPTC);
            skip(payload);
            expectMarker();
        } else if (marker == APP0 || marker == APP1 || marker == APP2 || marker == APP14) {
            step = Step.APPLICATION_SEGMENT;
            gather(payload);  // at most 65,533 bytes: the length field has 16 bits
            if (payload == 0) {
                onApplicationSegment(new byte[0], 0);
            }
        } else if (marker > APP2 && marker <= APP15) {
            removed(MetadataKind.OTHER);
            skip(payload);
            expectMarker();
        } else {
            emitHeader(payload);
            copy(payload);
            if (marker == SOS) {
                step = Step.ENTROPY;
                scan();
            } else {
                expectMarker();
            }
        }
    }

    private void onApplicationSegment(byte[] data, int length) {
        if (marker == APP0 && startsWith(data, length, JFIF) || marker == APP2 && startsWith(data, length, ICC_PROFILE)
                || marker == APP14 && startsWith(data, length, ADOBE)) {
            emitHeader(length);
            emit(data, 0, length);
        } else if (marker == APP1 && startsWith(data, length, EXIF)) {
            ExifSummary exif = ExifSummary.read(data, EXIF.length, length - EXIF.length);
            removed(exif.kinds());
            if (exif.orientation() != ExifSummary.UPRIGHT) {
                byte[] tiff = ExifSummary.orientationOnly(exif.orientation());
                emitHeader(EXIF.length + tiff.length);
                emit(EXIF, 0, EXIF.length);
                emit(tiff, 0, tiff.length);
            }
        } else if (marker == APP1 && (startsWith(data, length, XMP) || startsWith(data, length, EXTENDED_XMP))) {
            removed(MetadataKind.XMP);
        } else {
            removed(MetadataKind.OTHER);
        }
        expectMarker();
    }

    private void expectMarker() {
        step = Step.MARKER;
        gather(2);
    }

    /** The marker and length of a segment of {@code payload} bytes. */
    private void emitHeader(int payload) {
        int length = payload + 2;
        emit(new byte[] { (byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length }, 0, 4);
    }

    private static boolean startsWith(byte[] data, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int u8(byte[] data, int index) {
        return data[index] & 0xFF;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
