package dev.lightbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** PostgreSQL from zonky's embedded binaries, listening on 127.0.0.1 only. */
final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server; with a {@code dataDirectory} the data survives restarts, otherwise it is thrown away. */
    static PostgresServer start(Path workDirectory, Path dataDirectory) {
        try {
            Files.createDirectories(workDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDirectory.toFile())
                    .setPort(ChildProcess.freePort())
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory.getParent());
                builder.setDataDirectory(dataDirectory.toFile()).setCleanDataDirectory(false);
            }
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    Map<String, String> config() {
        return Map.of(
                "lightbox.db.host", "127.0.0.1",
                "lightbox.db.port", Integer.toString(postgres.getPort()),
                "lightbox.db.name", "postgres",
                "lightbox.db.user", "postgres",
                "lightbox.db.password", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
