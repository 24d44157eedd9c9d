package dev.lightbox.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

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
        // Vert.x core, not its Mutiny API: Mutiny's context propagation reads the configuration, which dev mode is
        // still building when its local stack migrates.
        Vertx vertx = Vertx.vertx();
        try {
            return PgConnection.connect(vertx, options)
                    .compose(connection -> underLock(connection).eventually(() -> connection.close()))
                    .toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Schema migration did not finish within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Schema migration interrupted", e);
        } finally {
            vertx.close();
        }
    }

    private Future<List<Integer>> underLock(SqlConnection connection) {
        return connection.query("select pg_advisory_lock(" + LOCK + ")").execute()
                .compose(locked -> createHistoryIfMissing(connection))
                .compose(created -> applied(connection))
                .compose(applied -> applyPending(connection, applied))
                .eventually(() -> connection.query("select pg_advisory_unlock(" + LOCK + ")").execute());
    }

    private static Future<RowSet<Row>> createHistoryIfMissing(SqlConnection connection) {
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
                """.formatted(HISTORY)).execute();
    }

    private record Applied(int rank, Map<Integer, Row> byVersion) {
    }

    private static Future<Applied> applied(SqlConnection connection) {
        return connection.query("select installed_rank, version, checksum, success from " + HISTORY).execute()
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

    private Future<List<Integer>> applyPending(SqlConnection connection, Applied applied) {
        int newestApplied = applied.byVersion().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<MigrationScript> pending = new ArrayList<>();
        for (MigrationScript script : scripts) {
            Row row = applied.byVersion().get(script.version());
            if (row == null && script.version() < newestApplied) {
                return refuse(script.script() + " was never applied, but version " + newestApplied + " was");
            } else if (row == null) {
                pending.add(script);
            } else if (!row.getBoolean("success")) {
                return refuse(script.script() + " failed in an earlier run: repair the schema and its history entry first");
            } else if (row.getInteger("checksum") == null || row.getInteger("checksum") != script.checksum()) {
                return refuse(script.script() + " was changed after it was applied (checksum " + row.getInteger("checksum")
                        + " applied, " + script.checksum() + " now): never edit an applied migration");
            }
        }
        if (pending.isEmpty()) {
            LOG.infof("Schema is up to date at version %d", newestApplied);
        }
        // One after the other, each with the next rank.
        Future<List<Integer>> done = Future.succeededFuture(new ArrayList<>());
        for (int i = 0; i < pending.size(); i++) {
            MigrationScript script = pending.get(i);
            int rank = applied.rank() + 1 + i;
            done = done.compose(versions -> apply(connection, script, rank).map(version -> {
                versions.add(version);
                return versions;
            }));
        }
        return done;
    }

    private static Future<Integer> apply(SqlConnection connection, MigrationScript script, int rank) {
        long started = System.nanoTime();
        Supplier<Future<RowSet<Row>>> run = () -> connection.query(script.sql()).execute()
                .compose(done -> connection.preparedQuery("insert into " + HISTORY + " (installed_rank, version, description,"
                        + " type, script, checksum, installed_by, execution_time, success)"
                        + " values ($1, $2, $3, 'SQL', $4, $5, current_user, $6, true)")
                        .execute(Tuple.of(rank, Integer.toString(script.version()), script.description(), script.script(),
                                script.checksum(), (int) Duration.ofNanos(System.nanoTime() - started).toMillis())));
        Future<RowSet<Row>> applied = script.inTransaction()
                ? connection.begin().compose(tx -> run.get().compose(rows -> tx.commit().map(rows), failure -> tx.rollback()
                        .transform(rolledBack -> Future.failedFuture(failure))))
                : run.get();
        return applied.transform(result -> {
            if (result.failed()) {
                return Future.failedFuture(new IllegalStateException(
                        "Migration " + script.script() + " failed: " + result.cause().getMessage(), result.cause()));
            }
            LOG.infof("Applied %s in %d ms", script.script(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            return Future.succeededFuture(script.version());
        });
    }

    private static <T> Future<T> refuse(String reason) {
        return Future.failedFuture(new IllegalStateException("Schema migration refused: " + reason));
    }
}
