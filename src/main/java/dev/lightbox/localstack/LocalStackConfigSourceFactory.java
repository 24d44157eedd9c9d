package dev.lightbox.localstack;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Starts the local stack when dev mode builds its configuration, and feeds its addresses into it. Dev mode rebuilds
 * the configuration on every hot reload, in a new class loader: the running stack's config is kept in a system
 * property so that a reload reuses the servers instead of starting new ones.
 */
public class LocalStackConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(LocalStackConfigSourceFactory.class);
    private static final String RUNNING_STACK_CONFIG = "localstack.running-config";
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(runningStackConfig(), "lightbox-local-stack", ORDINAL));
    }

    private static synchronized Map<String, String> runningStackConfig() {
        String running = System.getProperty(RUNNING_STACK_CONFIG);
        if (running != null) {
            Map<String, String> config = read(running);
            PostgresServer.migrate(config);
            return config;
        }
        LocalStack stack = LocalStack.start(LocalStack.Mode.DEV, Duration.ofMinutes(3));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        String demoAdmin = stack.demoAdminCredentials();
        if (demoAdmin != null) {
            String[] emailAndPassword = demoAdmin.split(" ", 2);
            LOG.infof("%n%n    Demo admin created: email %s  password %s%n", emailAndPassword[0], emailAndPassword[1]);
        }
        Map<String, String> config = stack.config();
        System.setProperty(RUNNING_STACK_CONFIG, write(config));
        return config;
    }

    private static String write(Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Map<String, String> read(String stored) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (Map) Map.copyOf(properties);
    }
}
