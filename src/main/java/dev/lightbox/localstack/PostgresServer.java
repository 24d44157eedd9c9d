package dev.lightbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import dev.lightbox.schema.SchemaMigrator;
import io.vertx.pgclient.PgConnectOptions;
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
            PostgresServer server = new PostgresServer(builder.start());
            migrate(server.config());
            return server;
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

    /**
     * Brings the schema up to this build's scripts, as the migration run does in production. Dev mode calls it again on
     * every hot reload, so that a script added meanwhile applies before Hibernate checks the entities.
     */
    static void migrate(Map<String, String> config) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(config.get("lightbox.db.host"))
                .setPort(Integer.parseInt(config.get("lightbox.db.port")))
                .setDatabase(config.get("lightbox.db.name"))
                .setUser(config.get("lightbox.db.user"))
                .setPassword(config.get("lightbox.db.password"));
        SchemaMigrator.ofThisArtifact().migrate(options, Duration.ofMinutes(1));
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
