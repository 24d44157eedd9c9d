package dev.lightbox.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.LocalStackResource;
import dev.lightbox.testsupport.PackagedApp;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application as production runs it: PostgreSQL reached over TLS with the server verified against the
 * CA bundle (verify-full, both the migration's JDBC and the serving pool) while plain connections are refused, and a
 * SIGTERM that lets a running upload finish while readiness already says "stop sending me traffic".
 */
@QuarkusIntegrationTest
class ProductionRuntimeIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static TlsPostgres database;

    @BeforeAll
    static void startTlsOnlyDatabaseAndMigrateIt() throws Exception {
        database = TlsPostgres.start(Path.of("target", "tls-postgres-" + ProcessHandle.current().pid()).toAbsolutePath());
        try (PackagedApp migration = PackagedApp.start("migration", settings("verify-full"), Map.of("QUARKUS_INIT_AND_EXIT", "true"))) {
            assertEquals(0, migration.awaitExit(START), "the migration run over verified TLS failed:\n" + migration.log());
        }
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    @Test
    void servesOverVerifiedTlsAndThePlainConnectionIsRefused() throws Exception {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres?sslmode=disable", "postgres", "postgres").close());
        assertTrue(refused.getMessage().contains("no encryption"), refused.getMessage());

        try (PackagedApp app = PackagedApp.start("tls", settings("verify-full"), Map.of())) {
            app.awaitReadiness(200, START);
            assertEquals(200, get(app.url("/api/images")).statusCode());
        }
        try (PackagedApp plain = PackagedApp.start("plain", settings("disable"), Map.of())) {
            plain.awaitReadiness(503, START);
            assertEquals(503, get(plain.url("/api/images")).statusCode());
        }
    }

    @Test
    void sigtermLetsARunningUploadFinishWhileReadinessIsAlreadyDown() throws Exception {
        TestUser owner = Identities.signedIn("sigterm");
        try (PackagedApp app = PackagedApp.start("sigterm", settings("verify-full"), Map.of())) {
            app.awaitReadiness(200, START);
            byte[] image = Arrays.copyOf(png(), 256 * 1024);
            String boundary = "sigterm-boundary";
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"late.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n";
            String tail = "\r\n--" + boundary + "--\r\n";
            try (Socket socket = new Socket("127.0.0.1", app.port())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/images HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner.accessToken()
                        + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                        + (head.length() + image.length + tail.length()) + "\r\n\r\n" + head).getBytes(StandardCharsets.ISO_8859_1));
                int chunk = image.length / 16;
                for (int sent = 0, part = 0; sent < image.length; sent += chunk, part++) {
                    out.write(image, sent, Math.min(chunk, image.length - sent));
                    out.flush();
                    if (part == 2) {
                        app.terminate();
                    }
                    if (part == 6) {
                        assertEquals(503, app.readiness(), "readiness is down as soon as SIGTERM arrives");
                    }
                    Thread.sleep(250);
                }
                out.write(tail.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                assertEquals("HTTP/1.1 201 Created", status, app.log());
            }
            int exit = app.awaitExit(Duration.ofSeconds(60));
            assertTrue(exit == 0 || exit == 143, "exit code " + exit + " after SIGTERM:\n" + app.log());
        }
    }

    /** The shared local stack's S3 and Cognito, and the TLS-only database. */
    private static Map<String, String> settings(String sslMode) {
        Map<String, String> settings = new HashMap<>(LocalStackResource.stack().config());
        settings.put("lightbox.s3.path-style", "true");
        settings.put("quarkus.s3.chunked-encoding", "false");
        settings.put("lightbox.db.host", "127.0.0.1");
        settings.put("lightbox.db.port", Integer.toString(database.port()));
        settings.put("lightbox.db.name", "postgres");
        settings.put("lightbox.db.user", "postgres");
        settings.put("lightbox.db.password", "postgres");
        settings.put("lightbox.db.ssl-mode", sslMode);
        settings.put("lightbox.db.ssl-root-cert", database.caCertificate().toString());
        return settings;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", bytes);
        return bytes.toByteArray();
    }
}
