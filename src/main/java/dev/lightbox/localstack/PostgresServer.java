package dev.lightbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** PostgreSQL from zonky's embedded binaries, listening on 127.0.0.1 only. */
final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private long postmasterPid;

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

    /** Sends {@code signal} (STOP to freeze, CONT to resume) to the postmaster and every backend. */
    void signal(String signal) {
        ProcessHandle server = ProcessHandle.of(postmasterPid()).orElseThrow();
        ChildProcess.signal(signal, server.pid());
        server.descendants().forEach(process -> ChildProcess.signal(signal, process.pid()));
    }

    /** The postmaster's pid, found once while the server answers (a frozen one cannot be asked). */
    private synchronized long postmasterPid() {
        if (postmasterPid == 0) {
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement();
                    var result = statement.executeQuery("select pg_backend_pid()")) {
                result.next();
                postmasterPid = ProcessHandle.of(result.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow().pid();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not find the PostgreSQL server process", e);
            }
        }
        return postmasterPid;
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
