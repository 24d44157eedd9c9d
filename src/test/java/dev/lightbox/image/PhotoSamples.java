package dev.lightbox.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small real images that carry what a phone or a photo editor writes: Exif with GPS, a camera serial and an orientation,
 * XMP, IPTC, comments, and an ICC profile (which must survive). Built from the plain images of {@link TestImages}, so the
 * image data of each is known and can be compared byte for byte.
 */
public final class PhotoSamples {

    /** Strings that must not survive stripping: they sit in the GPS, serial, XMP, IPTC and comment metadata. */
    public static final List<String> SECRETS = List.of("SN-4711-SECRET", "OWNER-SECRET", "xmpmeta", "CAPTION-SECRET",
            "COMMENT-SECRET", "TEXT-SECRET");
    /** Rotate 90° clockwise to show upright. */
    public static final int ORIENTATION = 6;

    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;

    private PhotoSamples() {
    }

    /** A JPEG with JFIF, an ICC profile, Exif (GPS, serial, orientation 6), XMP, IPTC and a comment. */
    public static byte[] jpeg(int width, int height) {
        byte[] plain = TestImages.jpeg(width, height);
        int afterJfif = 4 + ((plain[4] & 0xFF) << 8 | plain[5] & 0xFF);  // SOI, then APP0 (ImageIO writes JFIF)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterJfif);
        segment(out, 0xE1, concat(ascii("Exif\0\0"), exif(true)));
        segment(out, 0xE2, concat(ascii("ICC_PROFILE\0"), new byte[] { 1, 1 }, iccProfile()));
        segment(out, 0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), xmp()));
        segment(out, 0xED, photoshopIptc());
        segment(out, 0xFE, ascii("COMMENT-SECRET"));
        out.write(plain, afterJfif, plain.length - afterJfif);
        return out.toByteArray();
    }

    /** What follows JFIF in the plain JPEG: tables, frame, scan and end, all of which a stripped copy keeps verbatim. */
    public static byte[] jpegImageData(int width, int height) {
        byte[] plain = TestImages.jpeg(width, height);
        int afterJfif = 4 + ((plain[4] & 0xFF) << 8 | plain[5] & 0xFF);
        return Arrays.copyOfRange(plain, afterJfif, plain.length);
    }

    /** A PNG with an ICC profile, eXIf (GPS, serial, orientation 6), XMP in iTXt, a tEXt comment and tIME. */
    public static byte[] png(int width, int height) {
        return png(width, height, ORIENTATION);
    }

    /** {@link #png(int, int)} with another Exif orientation. */
    public static byte[] png(int width, int height, int orientation) {
        byte[] plain = TestImages.png(width, height);
        int afterHeader = 8 + 25;  // signature, IHDR
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterHeader);
        out.writeBytes(pngChunk("iCCP", concat(ascii("ICC\0\0"), deflate(iccProfile()))));
        out.writeBytes(pngChunk("eXIf", exif(true, orientation)));
        out.writeBytes(pngChunk("iTXt", concat(ascii("XML:com.adobe.xmp\0\0\0\0\0"), xmp())));
        out.writeBytes(pngChunk("tEXt", ascii("Comment\0TEXT-SECRET")));
        out.writeBytes(pngChunk("tIME", new byte[] { 0x07, (byte) 0xEA, 12, 1, 9, 30, 0 }));
        out.write(plain, afterHeader, plain.length - afterHeader);
        return out.toByteArray();
    }

    /** The PNG's chunks after IHDR (image data and end), kept verbatim by a stripped copy. */
    public static byte[] pngImageData(int width, int height) {
        byte[] plain = TestImages.png(width, height);
        return Arrays.copyOfRange(plain, 8 + 25, plain.length);
    }

    /** An extended WebP (VP8X) with an ICC profile, a lossless image, EXIF (GPS, serial, orientation 6) and XMP. */
    public static byte[] webp(int width, int height) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) (0x20 | 0x08 | 0x04)).put(new byte[3])  // ICC, Exif, XMP
                .put(uint24(width - 1)).put(uint24(height - 1)).array();
        chunks.writeBytes(riffChunk("VP8X", header));
        chunks.writeBytes(riffChunk("ICCP", iccProfile()));
        chunks.writeBytes(webpImageData(width, height));
        chunks.writeBytes(riffChunk("EXIF", exif(true)));
        chunks.writeBytes(riffChunk("XMP ", xmp()));
        return riff(chunks.toByteArray());
    }

    /** The VP8L chunk of {@link #webp}, kept verbatim by a stripped copy. */
    public static byte[] webpImageData(int width, int height) {
        byte[] simple = TestImages.webp(width, height);
        return Arrays.copyOfRange(simple, 12, simple.length);
    }

    /** A GIF with a comment extension and an XMP application extension. */
    public static byte[] gif(int width, int height) {
        byte[] plain = TestImages.gif(width, height);
        int tableFlags = plain[10];
        int afterTable = 13 + ((tableFlags & 0x80) == 0 ? 0 : 3 << ((tableFlags & 7) + 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterTable);
        out.write(0x21);
        out.write(0xFE);
        out.writeBytes(subBlocks(ascii("COMMENT-SECRET")));
        out.write(0x21);
        out.write(0xFF);
        out.write(11);
        out.writeBytes(ascii("XMP DataXMP"));
        out.writeBytes(subBlocks(xmp()));
        out.write(plain, afterTable, plain.length - afterTable);
        return out.toByteArray();
    }

    /** The same image without any metadata, as {@link TestImages} makes it. */
    public static byte[] plain(String contentType, int width, int height) {
        return TestImages.of(contentType, width, height);
    }

    public static byte[] of(String contentType, int width, int height) {
        return switch (contentType) {
            case "image/jpeg" -> jpeg(width, height);
            case "image/png" -> png(width, height);
            case "image/webp" -> webp(width, height);
            case "image/gif" -> gif(width, height);
            default -> throw new IllegalArgumentException(contentType);
        };
    }

    /**
     * An Exif TIFF structure (big-endian): IFD0 with make, orientation and pointers to an Exif directory (body serial,
     * owner name) and, if {@code gps}, a GPS directory (52°31'N 13°24'E).
     */
    public static byte[] exif(boolean gps) {
        return exif(gps, ORIENTATION);
    }

    private static byte[] exif(boolean gps, int orientation) {
        Directory zero = new Directory();
        zero.add(0x010F, ASCII, ascii("Lightbox Cam\0"));
        zero.add(0x0112, SHORT, new byte[] { 0, (byte) orientation, 0, 0 });
        zero.pointer(0x8769);
        if (gps) {
            zero.pointer(0x8825);
        }
        Directory exif = new Directory();
        exif.add(0xA430, ASCII, ascii("OWNER-SECRET\0"));
        exif.add(0xA431, ASCII, ascii("SN-4711-SECRET\0"));
        Directory location = new Directory();
        location.add(0x0001, ASCII, ascii("N\0"));
        location.add(0x0002, RATIONAL, rationals(52, 1, 31, 1, 0, 1));
        location.add(0x0003, ASCII, ascii("E\0"));
        location.add(0x0004, RATIONAL, rationals(13, 1, 24, 1, 0, 1));
        int zeroAt = 8;
        int exifAt = zeroAt + zero.size();
        int gpsAt = exifAt + exif.size();
        zero.pointTo(0x8769, exifAt);
        zero.pointTo(0x8825, gpsAt);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8 });
        out.writeBytes(zero.bytes(zeroAt));
        out.writeBytes(exif.bytes(exifAt));
        if (gps) {
            out.writeBytes(location.bytes(gpsAt));
        }
        return out.toByteArray();
    }

    /** One TIFF directory whose values that do not fit in an entry follow it. */
    private static final class Directory {
        private final List<Object[]> entries = new ArrayList<>();

        void add(int tag, int type, byte[] value) {
            entries.add(new Object[] { tag, type, value });
        }

        void pointer(int tag) {
            add(tag, LONG, new byte[4]);
        }

        void pointTo(int tag, int offset) {
            entries.stream().filter(entry -> (int) entry[0] == tag).forEach(entry -> entry[2] = ByteBuffer.allocate(4).putInt(offset).array());
        }

        int size() {
            return 2 + entries.size() * 12 + 4 + entries.stream().mapToInt(entry -> outOfLine((byte[]) entry[2])).sum();
        }

        byte[] bytes(int at) {
            ByteBuffer directory = ByteBuffer.allocate(size());
            directory.putShort((short) entries.size());
            int valueAt = at + 2 + entries.size() * 12 + 4;
            ByteArrayOutputStream values = new ByteArrayOutputStream();
            for (Object[] entry : entries) {
                byte[] value = (byte[]) entry[2];
                int type = (int) entry[1];
                int count = type == RATIONAL ? value.length / 8 : type == SHORT ? 1 : type == LONG ? 1 : value.length;
                directory.putShort((short) (int) entry[0]).putShort((short) type).putInt(count);
                if (value.length <= 4) {
                    directory.put(Arrays.copyOf(value, 4));
                } else {
                    directory.putInt(valueAt + values.size());
                    values.writeBytes(value);
                    if (value.length % 2 == 1) {
                        values.write(0);
                    }
                }
            }
            directory.putInt(0);
            directory.put(values.toByteArray());
            return directory.array();
        }

        private static int outOfLine(byte[] value) {
            return value.length <= 4 ? 0 : value.length + value.length % 2;
        }
    }

    private static byte[] xmp() {
        return ascii("<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"52,31.0N\" exif:GPSLongitude=\"13,24.0E\"/>"
                + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");
    }

    /** A Photoshop APP13 block with one IPTC caption. */
    private static byte[] photoshopIptc() {
        byte[] caption = ascii("CAPTION-SECRET");
        ByteBuffer iptc = ByteBuffer.allocate(5 + caption.length + caption.length % 2);
        iptc.put((byte) 0x1C).put((byte) 2).put((byte) 120).putShort((short) caption.length).put(caption);
        ByteBuffer resource = ByteBuffer.allocate(4 + 2 + 2 + 4).put(ascii("8BIM")).putShort((short) 0x0404).putShort((short) 0)
                .putInt(5 + caption.length);
        return concat(ascii("Photoshop 3.0\0"), resource.array(), iptc.array());
    }

    public static byte[] iccProfile() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(ascii(type)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        return chunk.putInt((int) crc.getValue()).array();
    }

    private static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + data.length + data.length % 2).order(ByteOrder.LITTLE_ENDIAN);
        return chunk.put(ascii(type)).putInt(data.length).put(data).array();
    }

    private static byte[] riff(byte[] chunks) {
        return ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF")).putInt(4 + chunks.length).put(ascii("WEBP")).put(chunks).array();
    }

    private static byte[] subBlocks(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < data.length; offset += 255) {
            int count = Math.min(255, data.length - offset);
            out.write(count);
            out.write(data, offset, count);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static byte[] uint24(int value) {
        return new byte[] { (byte) value, (byte) (value >> 8), (byte) (value >> 16) };
    }

    private static byte[] rationals(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 64];
        int length = deflater.deflate(buffer);
        deflater.end();
        return Arrays.copyOf(buffer, length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
