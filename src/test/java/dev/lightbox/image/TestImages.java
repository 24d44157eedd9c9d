package dev.lightbox.image;

import static io.restassured.RestAssured.given;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;


import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.LocalStackResource;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Tiny real images, and direct access to the bucket and the database, for the image tests. */
public final class TestImages {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestImages() {
    }

    public static byte[] png(int width, int height) {
        return encode("png", width, height);
    }

    static byte[] jpeg(int width, int height) {
        return encode("jpeg", width, height);
    }

    static byte[] gif(int width, int height) {
        return encode("gif", width, height);
    }

    /** A lossless WebP header (RIFF, WEBP, VP8L with its 14-bit width and height) with a stub bitstream. */
    static byte[] webp(int width, int height) {
        int bits = (width - 1) | ((height - 1) << 14);
        byte[] vp8l = { 0x2f, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >>> 24), 0, 0, 0 };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(littleEndian(4 + 8 + vp8l.length));
        out.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(littleEndian(vp8l.length));
        out.writeBytes(vp8l);
        return out.toByteArray();
    }

    static byte[] of(String contentType, int width, int height) {
        return switch (contentType) {
            case "image/png" -> png(width, height);
            case "image/jpeg" -> jpeg(width, height);
            case "image/gif" -> gif(width, height);
            case "image/webp" -> webp(width, height);
            default -> throw new IllegalArgumentException(contentType);
        };
    }

    /**
     * A tiny real image of {@code contentType} whose header declares {@code width} × {@code height}: a decompression
     * bomb's header, without its pixels. PNG keeps a correct header CRC; GIF and JPEG take up to 65,535, WebP (VP8L) up
     * to 16,384 per side.
     */
    static byte[] declaring(String contentType, int width, int height) {
        return switch (contentType) {
            case "image/png" -> {
                byte[] png = png(1, 1);
                ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
                CRC32 crc = new CRC32();
                crc.update(png, 12, 4 + 13);
                ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
                yield png;
            }
            case "image/gif" -> {
                byte[] gif = gif(1, 1);
                ByteBuffer.wrap(gif, 6, 4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) width).putShort((short) height);
                yield gif;
            }
            case "image/jpeg" -> {
                byte[] jpeg = jpeg(1, 1);
                int sof = startOfFrame(jpeg);
                ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) height).putShort((short) width);
                yield jpeg;
            }
            case "image/webp" -> webp(width, height);
            default -> throw new IllegalArgumentException(contentType);
        };
    }

    /** Where the baseline start-of-frame marker (FF C0) of a JPEG is. */
    static int startOfFrame(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xC0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no SOF0 marker");
    }

    /**
     * A valid PNG of exactly {@code size} bytes: a private ancillary chunk of zeros fills it, which readers skip and the
     * metadata stripper keeps (it is not metadata), so the stored bytes are these.
     */
    static byte[] paddedPng(int size) {
        byte[] png = png(3, 2);
        int afterHeader = 8 + 25;
        byte[] filler = PhotoSamples.pngChunk("lbPd", new byte[size - png.length - 12]);
        byte[] padded = Arrays.copyOf(png, size);
        System.arraycopy(filler, 0, padded, afterHeader, filler.length);
        System.arraycopy(png, afterHeader, padded, afterHeader + filler.length, png.length - afterHeader);
        return padded;
    }

    private static byte[] encode(String format, int width, int height) {
        return VariantImages.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format);
    }

    private static byte[] littleEndian(int value) {
        return new byte[] { (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24) };
    }

    // ---- Through the API -----------------------------------------------------------------------------------------

    /** POST /api/images with the file and form fields in the given order. */
    static Response stream(TestUser user, String filename, byte[] bytes, String partType, String... fields) {
        var request = given().auth().oauth2(user.accessToken()).multiPart("file", filename, bytes, partType);
        for (int i = 0; i < fields.length; i += 2) {
            request = request.multiPart(fields[i], fields[i + 1]);
        }
        return request.when().post("/api/images");
    }

    /**
     * POST /api/images with a hand-made multipart body whose headers are UTF-8, and the file part's filename parameter
     * as given: {@code filename="..."}, or RFC 5987's {@code filename*=UTF-8''a%0Ab},
     * which carries characters a quoted header value cannot.
     */
    static HttpResponse<String> streamWithFilenameParameter(TestUser user, String filenameParameter, byte[] bytes) {
        String boundary = "lightbox-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; " + filenameParameter
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/images"))
                .header("Authorization", "Bearer " + user.accessToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A ready image at {@code level}, uploaded by streaming; its id. */
    public static String readyImage(TestUser owner, String level) {
        return stream(owner, "picture.png", png(4, 3), "image/png", "level", level)
                .then().statusCode(201).extract().path("id");
    }

    /** POST /api/images/uploads. */
    public static Response startUpload(TestUser user, Map<String, Object> body) {
        return given().auth().oauth2(user.accessToken()).contentType("application/json").body(body)
                .when().post("/api/images/uploads");
    }

    public static Map<String, Object> uploadBody(String filename, String contentType, long size, String level) {
        return level == null ? Map.of("filename", filename, "contentType", contentType, "size", size)
                : Map.of("filename", filename, "contentType", contentType, "size", size, "level", level);
    }

    /** PUT to a presigned URL with the given Content-Type (Content-Length is the body's); S3's status. */
    static int put(String url, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GET a presigned URL: status and body. */
    public static HttpResponse<byte[]> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A presigned upload whose bytes were PUT but which nobody completed yet; the image id. */
    static String uploadedNotCompleted(TestUser user, String contentType, byte[] bytes, String level) {
        JsonPath ticket = startUpload(user, uploadBody("photo", contentType, bytes.length, level))
                .then().statusCode(201).extract().jsonPath();
        int status = put(ticket.getString("upload.url"), ticket.getString("upload.headers.Content-Type"), bytes);
        if (status != 200) {
            throw new IllegalStateException("PUT answered " + status);
        }
        return ticket.getString("image.id");
    }

    /** A presigned upload followed by its completion; the image as the API returns it. */
    static JsonPath presignedUpload(TestUser user, String contentType, byte[] bytes, String level) {
        String id = uploadedNotCompleted(user, contentType, bytes, level);
        return given().auth().oauth2(user.accessToken()).when().post("/api/images/" + id + "/complete")
                .then().statusCode(200).extract().jsonPath();
    }

    // ---- Behind the API ------------------------------------------------------------------------------------------

    static S3Client s3() {
        return S3Client.builder()
                .endpointOverride(URI.create(config("lightbox.s3.endpoint")))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config("quarkus.s3.aws.credentials.static-provider.access-key-id"),
                        config("quarkus.s3.aws.credentials.static-provider.secret-access-key"))))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static String bucket() {
        return config("lightbox.bucket");
    }

    /** Every object key in the bucket that mentions {@code part} (a user id or an image id). */
    public static List<String> objectKeysContaining(String part) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(request -> request.bucket(bucket())).contents().stream()
                    .map(S3Object::key).filter(key -> key.contains(part)).toList();
        }
    }

    /** Like {@link #objectKeysContaining}, without variants' objects ({@code <original key>.<variant>}). */
    public static List<String> originalKeysContaining(String part) {
        return objectKeysContaining(part).stream().filter(key -> !key.endsWith(".thumb") && !key.endsWith(".display")).toList();
    }

    /**
     * Waits until no object mentions {@code part}: variants the worker was writing when their image went are removed
     * by their guards moments later.
     */
    public static void assertNoObjectsContaining(String part) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> left = objectKeysContaining(part);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            left = objectKeysContaining(part);
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), left, "objects left");
    }

    /** The image as its reader sees it once its variants are made (polling, for at most {@code patience}). */
    public static JsonPath withVariants(TestUser reader, String id, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            var request = reader == null ? given() : given().auth().oauth2(reader.accessToken());
            JsonPath image = request.when().get("/api/images/" + id).then().statusCode(200).extract().jsonPath();
            if (!image.getList("variants").isEmpty() || System.nanoTime() > deadline) {
                return image;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean objectExists(String key) {
        return !objectKeysContaining(key).isEmpty();
    }

    public static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + config("lightbox.db.host") + ":" + config("lightbox.db.port")
                + "/" + config("lightbox.db.name"), config("lightbox.db.user"), config("lightbox.db.password"));
    }

    private static String config(String name) {
        return LocalStackResource.config(name);
    }
}
