package dev.lightbox.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL as RDS runs it with {@code rds.force_ssl=1}: TLS only (a plain connection finds no pg_hba entry), with a
 * server certificate for 127.0.0.1 signed by a CA made for this test; {@link #caCertificate()} plays the RDS bundle.
 */
final class TlsPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path caCertificate;

    private TlsPostgres(EmbeddedPostgres postgres, Path caCertificate) {
        this.postgres = postgres;
        this.caCertificate = caCertificate;
    }

    static TlsPostgres start(Path directory) throws Exception {
        Files.createDirectories(directory);
        Path ca = directory.resolve("ca.crt");
        Path key = directory.resolve("server.key");
        Path certificate = directory.resolve("server.crt");
        Path extensions = directory.resolve("server.ext");
        Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Lightbox test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
                "-out", "server.csr");
        openssl(directory, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", extensions.toString(), "-out", "server.crt");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path hba = directory.resolve("pg_hba.conf");
        Files.write(hba, List.of("local all all trust", "hostssl all all 127.0.0.1/32 trust"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(directory.toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificate.toString())
                .setServerConfig("ssl_key_file", key.toString())
                .setServerConfig("hba_file", hba.toString())
                .start();
        return new TlsPostgres(postgres, ca);
    }

    int port() {
        return postgres.getPort();
    }

    Path caCertificate() {
        return caCertificate;
    }

    private static void openssl(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl " + arguments[0] + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
