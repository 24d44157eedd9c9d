package dev.lightbox.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Brings a database's schema up to the scripts this artifact carries, over one reactive connection: no JDBC driver,
 * connection pool or transaction manager in the binary. The history table is Flyway's ({@code flyway_schema_history},
 * same columns, names and checksums), so that databases migrated before keep their history. Each script runs in a
 * transaction of its own with its history row; an advisory lock makes concurrent runs (two release jobs) take turns.
 * Like Flyway's defaults, a script changed after it was applied, a failed entry, or a script older than the newest
 * applied one that never ran stop the run; versions newer than this artifact's (a later release) are left alone.
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);
    /** Any fixed number; only migration runs take this lock. */
    private static final long LOCK = 0x4c69676874626f78L;
    private static final String HISTORY = "flyway_schema_history";

    private final List<MigrationScript> scripts;

    SchemaMigrator(List<MigrationScript> scripts) {
        this.scripts = scripts;
    }

    /** The migrator of the scripts in this artifact. */
    public static SchemaMigrator ofThisArtifact() {
        return new SchemaMigrator(MigrationScripts.load());
    }

    /** Migrates the database {@code options} point at, waiting at most {@code timeout}; the versions it applied. */
    public List<Integer> migrate(PgConnectOptions options, Duration timeout) {
        Vertx vertx = Vertx.vertx();
        try {
            return PgConnection.connect(vertx, options)
                    .onItem().transformToUni(connection -> underLock(connection).eventually(connection::close))
                    .await().atMost(timeout);
        } finally {
            vertx.closeAndAwait();
        }
    }

    private Uni<List<Integer>> underLock(SqlConnection connection) {
        return connection.query("select pg_advisory_lock(" + LOCK + ")").execute()
                .chain(() -> createHistoryIfMissing(connection))
                .chain(() -> applied(connection))
                .chain(applied -> applyPending(connection, applied))
                .eventually(() -> connection.query("select pg_advisory_unlock(" + LOCK + ")").execute());
    }

    private static Uni<Void> createHistoryIfMissing(SqlConnection connection) {
        return connection.query("""
                create table if not exists %1$s (
                    installed_rank integer not null constraint %1$s_pk primary key,
                    version varchar(50),
                    description varchar(200) not null,
                    type varchar(20) not null,
                    script varchar(1000) not null,
                    checksum integer,
                    installed_by varchar(100) not null,
                    installed_on timestamp not null default now(),
                    execution_time integer not null,
                    success boolean not null);
                create index if not exists %1$s_s_idx on %1$s (success);
                """.formatted(HISTORY)).execute().replaceWithVoid();
    }

    private record Applied(int rank, Map<Integer, Row> byVersion) {
    }

    private static Uni<Applied> applied(SqlConnection connection) {
        return connection.query("select installed_rank, version, checksum, success, script from " + HISTORY
                + " order by installed_rank").execute()
                .map(rows -> {
                    int rank = 0;
                    Map<Integer, Row> byVersion = new HashMap<>();
                    for (Row row : rows) {
                        rank = Math.max(rank, row.getInteger("installed_rank"));
                        String version = row.getString("version");
                        if (version != null) {
                            byVersion.put(Integer.parseInt(version), row);
                        }
                    }
                    return new Applied(rank, byVersion);
                });
    }

    private Uni<List<Integer>> applyPending(SqlConnection connection, Applied applied) {
        int newestApplied = applied.byVersion().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<MigrationScript> pending = new ArrayList<>();
        for (MigrationScript script : scripts) {
            Row row = applied.byVersion().get(script.version());
            if (row == null && script.version() < newestApplied) {
                return fail(script.script() + " was never applied, but version " + newestApplied + " was");
            } else if (row == null) {
                pending.add(script);
            } else if (!row.getBoolean("success")) {
                return fail(script.script() + " failed in an earlier run: repair the schema and its history entry first");
            } else if (row.getInteger("checksum") == null || row.getInteger("checksum") != script.checksum()) {
                return fail(script.script() + " was changed after it was applied (checksum " + row.getInteger("checksum")
                        + " applied, " + script.checksum() + " now): never edit an applied migration");
            }
        }
        if (pending.isEmpty()) {
            LOG.infof("Schema is up to date at version %d", newestApplied);
        }
        int[] rank = { applied.rank() };
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(script -> apply(connection, script, ++rank[0]))
                .collect().asList();
    }

    private static Uni<Integer> apply(SqlConnection connection, MigrationScript script, int rank) {
        long started = System.nanoTime();
        Uni<Void> run = connection.query(script.sql()).execute()
                .chain(() -> connection.preparedQuery("insert into " + HISTORY + " (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, execution_time, success) values ($1, $2, $3, 'SQL', $4, $5, current_user, $6, true)")
                        .execute(Tuple.of(rank, Integer.toString(script.version()), script.description(), script.script(),
                                script.checksum(), (int) Duration.ofNanos(System.nanoTime() - started).toMillis())))
                .replaceWithVoid();
        Uni<Void> applied = script.inTransaction() ? connection.begin().chain(tx -> run.call(tx::commit)
                .onFailure().call(tx::rollback)) : run;
        return applied
                .onItem().invoke(() -> LOG.infof("Applied %s in %d ms", script.script(), Duration.ofNanos(System.nanoTime() - started).toMillis()))
                .onFailure().transform(e -> new IllegalStateException("Migration " + script.script() + " failed: " + e.getMessage(), e))
                .replaceWith(script.version());
    }

    private static <T> Uni<T> fail(String reason) {
        return Uni.createFrom().failure(new IllegalStateException("Schema migration refused: " + reason));
    }
}
