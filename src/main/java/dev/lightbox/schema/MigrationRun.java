package dev.lightbox.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import org.jboss.logging.Logger;

import dev.lightbox.reliability.DatabasePoolCreator;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The migration run of the contract: the artifact started with {@code QUARKUS_INIT_AND_EXIT=true} migrates the schema
 * and exits, without booting the service. It reads the same settings the service does (application.properties, the
 * environment, system properties; profile {@code QUARKUS_PROFILE}, else prod) and connects as the service's pool would,
 * TLS mode and CA bundle included.
 */
public final class MigrationRun {

    private static final Logger LOG = Logger.getLogger(MigrationRun.class);
    /** The values Quarkus reads as true for a boolean setting. */
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "on");

    private MigrationRun() {
    }

    /** Whether this start is a migration run: {@code quarkus.init-and-exit} set as a system property or in the environment. */
    public static boolean requested() {
        String value = System.getProperty("quarkus.init-and-exit", System.getenv("QUARKUS_INIT_AND_EXIT"));
        return value != null && TRUE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Migrates and returns the process's exit code. */
    public static int run() {
        logToConsole();
        try {
            SmallRyeConfig config = configuration();
            Duration timeout = config.getValue("lightbox.db.migration-timeout", Duration.class);
            List<Integer> applied = SchemaMigrator.ofThisArtifact().migrate(connectOptions(config), timeout);
            LOG.infof("Migration run finished: %d script(s) applied %s", applied.size(), applied);
            return 0;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Migration run failed: %s", e.getMessage());
            return 1;
        }
    }

    /** Quarkus has not configured logging (it never boots here): the run's lines go to the console, as a task's log. */
    private static void logToConsole() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String failure = record.getThrown() == null ? "" : " (" + record.getThrown() + ")";
                return record.getInstant() + " " + record.getLevel() + " " + formatMessage(record) + failure + System.lineSeparator();
            }
        });
        root.addHandler(console);
        root.setLevel(Level.INFO);
    }

    private static SmallRyeConfig configuration() {
        String profile = System.getProperty("quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
        URL properties = MigrationRun.class.getClassLoader().getResource("application.properties");
        try {
            return new SmallRyeConfigBuilder()
                    .withProfile(profile)
                    .addDefaultInterceptors()
                    .addDefaultSources()
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connection options from the {@code lightbox.db.*} settings, as the serving pool uses them. */
    private static PgConnectOptions connectOptions(SmallRyeConfig config) {
        String sslMode = config.getValue("lightbox.db.ssl-mode", String.class);
        PgConnectOptions options = new PgConnectOptions()
                .setHost(config.getValue("lightbox.db.host", String.class))
                .setPort(config.getValue("lightbox.db.port", Integer.class))
                .setDatabase(config.getValue("lightbox.db.name", String.class))
                .setUser(config.getValue("lightbox.db.user", String.class))
                .setPassword(config.getOptionalValue("lightbox.db.password", String.class).orElse(""))
                .setConnectTimeout((int) config.getValue("lightbox.dependencies.database.deadline", Duration.class).toMillis())
                .setSslMode(SslMode.of(sslMode));
        DatabasePoolCreator.trustedRoot(sslMode, config.getValue("lightbox.db.ssl-root-cert", String.class))
                .ifPresent(options::setTrustOptions);
        if (sslMode.equals("verify-full")) {
            options.setHostnameVerificationAlgorithm("HTTPS");
        }
        return options;
    }
}
