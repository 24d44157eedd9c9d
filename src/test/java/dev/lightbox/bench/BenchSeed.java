package dev.lightbox.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Seeds the running application for {@code src/bench/run.sh}, through its public API only, as a client would: two
 * users sign up, confirm with the code the Cognito emulator "mailed", sign in and choose usernames; each then
 * uploads half of the images as streamed multipart uploads, cycling through the three access levels. Not a test.
 * <p>
 * Arguments: {@code <application URL> <Cognito emulator URL> <image count> <output directory>}. Writes there what the
 * wrk scripts read: both users' access tokens, the ids of the reader's images, and a multipart body for uploads.
 */
public final class BenchSeed {

    private static final String PASSWORD = "Bench-Horse-9";
    private static final String BOUNDARY = "lightbox-bench-boundary";
    private static final List<String> LEVELS = List.of("public", "protected", "private");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String app;
    private final String cognito;

    private BenchSeed(String app, String cognito) {
        this.app = app;
        this.cognito = cognito;
    }

    private record User(String name, String accessToken) {
    }

    public static void main(String[] args) throws Exception {
        BenchSeed seed = new BenchSeed(args[0], args[1]);
        int images = Integer.parseInt(args[2]);
        Path out = Files.createDirectories(Path.of(args[3]));
        String run = UUID.randomUUID().toString().substring(0, 8);
        User reader = seed.signUp("reader_" + run);
        User owner = seed.signUp("owner_" + run);
        byte[] form = uploadForm(png());
        List<String> readerImages = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            User uploader = i % 2 == 0 ? reader : owner;
            String id = seed.upload(uploader, form, LEVELS.get(i / 2 % LEVELS.size()));
            if (uploader == reader) {
                readerImages.add(id);
            }
        }
        Files.writeString(out.resolve("reader.token"), reader.accessToken());
        Files.writeString(out.resolve("owner.token"), owner.accessToken());
        Files.write(out.resolve("reader-image-ids.txt"), readerImages);
        Files.write(out.resolve("upload-form.body"), form);
        Files.writeString(out.resolve("upload-form.content-type"), "multipart/form-data; boundary=" + BOUNDARY);
        System.out.printf("seeded 2 users and %d images (%d of them the reader's)%n", images, readerImages.size());
    }

    private User signUp(String username) throws Exception {
        String email = username.replace('_', '-') + "@example.test";
        send("POST", "/api/auth/sign-up", Map.of("email", email, "password", PASSWORD, "name", username), null, 201);
        send("POST", "/api/auth/confirm-sign-up", Map.of("email", email, "code", signUpCode(email)), null, 204);
        String token = send("POST", "/api/auth/sign-in", Map.of("email", email, "password", PASSWORD), null, 200)
                .path("accessToken").asText();
        send("PUT", "/api/users/me/username", Map.of("username", username), token, 200);
        return new User(username, token);
    }

    private String signUpCode(String email) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cognito + "/_local/codes?email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).timeout(TIMEOUT).build();
        JsonNode codes = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("items");
        for (JsonNode code : codes) {
            if (code.path("purpose").asText().equals("sign-up")) {
                return code.path("code").asText();
            }
        }
        throw new IllegalStateException("The emulator sent no sign-up code to " + email);
    }

    private String upload(User user, byte[] form, String level) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app + "/api/images"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + user.accessToken())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(withLevel(form, level)))
                .build();
        return expect(request, 201).path("id").asText();
    }

    private JsonNode send(String method, String path, Map<String, String> body, String token, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return expect(request.build(), status);
    }

    private JsonNode expect(HttpRequest request, int status) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    /** A small real PNG: the service reads its dimensions and checks its magic bytes. */
    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** The multipart body the wrk upload script sends: one {@code file} part, so the default level, private. */
    private static byte[] uploadForm(byte[] png) throws IOException {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        form.write(png);
        form.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return form.toByteArray();
    }

    /** The same body with a {@code level} part ahead of the file. */
    private static byte[] withLevel(byte[] form, String level) {
        byte[] levelPart = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\n" + level + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[levelPart.length + form.length];
        System.arraycopy(levelPart, 0, body, 0, levelPart.length);
        System.arraycopy(form, 0, body, levelPart.length, form.length);
        return body;
    }
}
