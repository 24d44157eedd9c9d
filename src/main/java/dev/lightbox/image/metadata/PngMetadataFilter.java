package dev.lightbox.image.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * PNG, cleaned by removing chunks as they stream by. Kept: every chunk but those below, among them the image data and
 * the chunks that affect colours (iCCP, sRGB, gAMA, cHRM, cICP, sBIT), transparency, physical size and animation.
 * Removed: eXIf (an orientation other than upright is written back as an eXIf of that one tag), the text chunks tEXt,
 * zTXt and iTXt (XMP and ImageMagick's raw Exif and IPTC profiles among them, reported as such), tIME, and anything
 * after IEND.
 */
final class PngMetadataFilter extends StreamingFilter {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    /** An eXIf chunk larger than this is removed unread (its orientation is lost): memory stays bounded. */
    private static final int MAX_EXIF_BYTES = 1024 * 1024;
    /** Keywords have at most 79 bytes and a NUL separator. */
    private static final int KEYWORD_BYTES = 80;

    private enum Step { SIGNATURE, CHUNK_HEADER, TEXT_KEYWORD, EXIF }

    private Step step = Step.SIGNATURE;
    private boolean headerSeen;
    private long textRest;

    PngMetadataFilter() {
        gather(SIGNATURE.length);
    }

    @Override
    void onGathered(byte[] data, int length) throws UnreadableImageException {
        switch (step) {
            case SIGNATURE -> {
                if (!Arrays.equals(data, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                    throw new UnreadableImageException("Not a PNG.");
                }
                emit(data, 0, length);
                expectChunk();
            }
            case CHUNK_HEADER -> onChunk(data);
            case TEXT_KEYWORD -> {
                removed(textKind(keyword(data, length)));
                skip(textRest);
                expectChunk();
            }
            case EXIF -> {
                ExifSummary exif = ExifSummary.read(data, 0, length - 4);
                removed(exif.kinds());
                if (exif.orientation() != ExifSummary.UPRIGHT) {
                    emitChunk("eXIf", ExifSummary.orientationOnly(exif.orientation()));
                }
                expectChunk();
            }
        }
    }

    private void onChunk(byte[] header) throws UnreadableImageException {
        long length = ByteBuffer.wrap(header, 0, 4).getInt();
        String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
        if (length < 0 || !type.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
            throw new UnreadableImageException("A PNG chunk is corrupt.");
        }
        if (!headerSeen && !type.equals("IHDR")) {
            throw new UnreadableImageException("A PNG does not start with its header chunk.");
        }
        headerSeen = true;
        long withCrc = length + 4;
        switch (type) {
            case "IEND" -> {
                emit(header, 0, 8);
                copy(withCrc);
                finish();
            }
            case "eXIf" -> {
                if (length <= MAX_EXIF_BYTES) {
                    step = Step.EXIF;
                    gather((int) withCrc);
                } else {
                    removed(MetadataKind.EXIF);
                    skip(withCrc);
                    expectChunk();
                }
            }
            case "tEXt", "zTXt", "iTXt" -> {
                int keyword = (int) Math.min(length, KEYWORD_BYTES);
                textRest = withCrc - keyword;
                step = Step.TEXT_KEYWORD;
                gather(keyword);
                if (keyword == 0) {
                    onGathered(header, 0);
                }
            }
            case "tIME" -> {
                removed(MetadataKind.OTHER);
                skip(withCrc);
                expectChunk();
            }
            default -> {
                emit(header, 0, 8);
                copy(withCrc);
                expectChunk();
            }
        }
    }

    private static String keyword(byte[] data, int length) {
        int end = 0;
        while (end < length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** XMP, and the raw profiles ImageMagick writes as text, are reported as what they carry. */
    private static MetadataKind textKind(String keyword) {
        return switch (keyword) {
            case "XML:com.adobe.xmp", "Raw profile type xmp" -> MetadataKind.XMP;
            case "Raw profile type exif", "Raw profile type APP1" -> MetadataKind.EXIF;
            case "Raw profile type iptc", "Raw profile type 8bim" -> MetadataKind.IPTC;
            default -> MetadataKind.TEXT;
        };
    }

    private void expectChunk() {
        step = Step.CHUNK_HEADER;
        gather(8);
    }

    private void emitChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        emit(chunk.array(), 0, chunk.capacity());
    }
}
