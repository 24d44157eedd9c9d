package dev.lightbox.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.pgclient.PgConnectOptions;

/** The migration run against scratch databases of the suite's PostgreSQL, checked against Flyway itself. */
@QuarkusTest
class SchemaMigratorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final List<Integer> ALL_VERSIONS = MigrationScripts.load().stream().map(MigrationScript::version).toList();

    @Test
    void migratesAFreshDatabaseWithAHistoryFlywayAcceptsAsItsOwn() throws SQLException {
        String database = scratchDatabase();
        assertEquals(ALL_VERSIONS, SchemaMigrator.ofThisArtifact().migrate(options(database), TIMEOUT));

        var validation = flyway(database).validateWithResult();
        assertTrue(validation.validationSuccessful, () -> "Flyway rejects our history: " + validation.getAllErrorMessages());
        assertEquals(ALL_VERSIONS.size(), flyway(database).info().applied().length);
        assertEquals(List.of(), SchemaMigrator.ofThisArtifact().migrate(options(database), TIMEOUT), "a second run applies nothing");
    }

    @Test
    void takesOverADatabaseFlywayMigrated() throws SQLException {
        String database = scratchDatabase();
        flyway(database).migrate();

        assertEquals(List.of(), SchemaMigrator.ofThisArtifact().migrate(options(database), TIMEOUT));
    }

    @Test
    void appliesOnlyTheNewScriptsOfALaterRelease() throws SQLException {
        String database = scratchDatabase();
        List<MigrationScript> all = MigrationScripts.load();
        new SchemaMigrator(all.subList(0, 2)).migrate(options(database), TIMEOUT);

        assertEquals(ALL_VERSIONS.subList(2, ALL_VERSIONS.size()), new SchemaMigrator(all).migrate(options(database), TIMEOUT));
        assertTrue(flyway(database).validateWithResult().validationSuccessful);
    }

    @Test
    void refusesAScriptChangedAfterItWasApplied() throws SQLException {
        String database = scratchDatabase();
        List<MigrationScript> scripts = new ArrayList<>(MigrationScripts.load());
        new SchemaMigrator(scripts).migrate(options(database), TIMEOUT);
        MigrationScript first = scripts.get(0);
        scripts.set(0, new MigrationScript(first.version(), first.description(), first.script(), first.checksum() + 1, true, first.sql()));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SchemaMigrator(scripts).migrate(options(database), TIMEOUT));
        assertTrue(refused.getMessage().contains("changed after it was applied"), refused.getMessage());
    }

    @Test
    void refusesAnOlderScriptThatNeverRan() throws SQLException {
        String database = scratchDatabase();
        List<MigrationScript> all = MigrationScripts.load();
        MigrationScript later = new MigrationScript(99, "later", "V99__later.sql", 99, true, "select 1;\n");
        new SchemaMigrator(List.of(all.get(0), later)).migrate(options(database), TIMEOUT);

        List<MigrationScript> withTheGap = new ArrayList<>(all);
        withTheGap.add(later);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SchemaMigrator(withTheGap).migrate(options(database), TIMEOUT));
        assertTrue(refused.getMessage().contains(all.get(1).script() + " was never applied"), refused.getMessage());
    }

    @Test
    void aFailingScriptLeavesNeitherItsChangesNorAHistoryEntry() throws SQLException {
        String database = scratchDatabase();
        List<MigrationScript> scripts = new ArrayList<>(MigrationScripts.load());
        int broken = ALL_VERSIONS.get(ALL_VERSIONS.size() - 1) + 1;
        scripts.add(new MigrationScript(broken, "broken", "V" + broken + "__broken.sql", 7, true,
                "create table created_before_the_error (id int);\nselect * from no_such_table;\n"));

        assertThrows(IllegalStateException.class, () -> new SchemaMigrator(scripts).migrate(options(database), TIMEOUT));
        try (Connection connection = connect(database)) {
            assertFalse(exists(connection, "select 1 from pg_tables where tablename = 'created_before_the_error'"));
            assertFalse(exists(connection, "select 1 from flyway_schema_history where version = '" + broken + "'"));
            assertTrue(exists(connection, "select 1 from flyway_schema_history where version = '" + ALL_VERSIONS.get(0) + "'"),
                    "the scripts before the broken one stay applied");
        }
    }

    @Test
    void concurrentRunsTakeTurnsAndApplyEachScriptOnce() throws SQLException {
        String database = scratchDatabase();
        var first = CompletableFuture.supplyAsync(() -> SchemaMigrator.ofThisArtifact().migrate(options(database), TIMEOUT));
        var second = CompletableFuture.supplyAsync(() -> SchemaMigrator.ofThisArtifact().migrate(options(database), TIMEOUT));

        List<Integer> applied = new ArrayList<>(first.join());
        applied.addAll(second.join());
        assertEquals(ALL_VERSIONS, applied.stream().sorted().toList());
        assertTrue(flyway(database).validateWithResult().validationSuccessful);
    }

    private static String scratchDatabase() throws SQLException {
        String name = "schema_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = connect(LocalStackResource.config("lightbox.db.name"));
                var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return name;
    }

    private static boolean exists(Connection connection, String query) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            return result.next();
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), LocalStackResource.config("lightbox.db.user"),
                LocalStackResource.config("lightbox.db.password"));
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LocalStackResource.config("lightbox.db.host") + ":"
                + LocalStackResource.config("lightbox.db.port") + "/" + database;
    }

    private static Flyway flyway(String database) {
        return Flyway.configure().dataSource(jdbcUrl(database), LocalStackResource.config("lightbox.db.user"),
                LocalStackResource.config("lightbox.db.password")).locations("classpath:db/migration").load();
    }

    private static PgConnectOptions options(String database) {
        return new PgConnectOptions().setHost(LocalStackResource.config("lightbox.db.host"))
                .setPort(Integer.parseInt(LocalStackResource.config("lightbox.db.port"))).setDatabase(database)
                .setUser(LocalStackResource.config("lightbox.db.user")).setPassword(LocalStackResource.config("lightbox.db.password"));
    }
}
