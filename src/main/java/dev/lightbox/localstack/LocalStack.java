package dev.lightbox.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * PostgreSQL, S3Proxy and the Cognito emulator, started together on 127.0.0.1 and free ports. {@link #config()} is
 * what the application needs to reach them (it maps onto the {@code lightbox.*} properties of application.properties).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalStack.class);

    /** Dev mode keeps its data under the project's ignored data folder; tests throw theirs away. */
    public enum Mode {
        DEV,
        TEST
    }

    private final PostgresServer postgres;
    private final S3ProxyServer s3;
    private final CognitoEmulator cognito;

    private LocalStack(PostgresServer postgres, S3ProxyServer s3, CognitoEmulator cognito) {
        this.postgres = postgres;
        this.s3 = s3;
        this.cognito = cognito;
    }

    public static LocalStack start(Mode mode, Duration passwordlessCodeTtl) {
        long started = System.nanoTime();
        Path project = Path.of("").toAbsolutePath();
        Path work = project.resolve("target/local-stack");
        Path data = project.resolve(".data");
        boolean dev = mode == Mode.DEV;
        List<AutoCloseable> startedParts = new ArrayList<>();
        try {
            PostgresServer postgres = PostgresServer.start(work.resolve("postgres"), dev ? data.resolve("postgres") : null);
            startedParts.add(postgres);
            S3ProxyServer s3 = S3ProxyServer.start(project, work, dev ? data.resolve("s3") : null);
            startedParts.add(s3);
            CognitoEmulator cognito = CognitoEmulator.start(project,
                    dev ? data.resolve("cognito") : work.resolve("cognito-" + ProcessHandle.current().pid()),
                    dev, passwordlessCodeTtl);
            LocalStack stack = new LocalStack(postgres, s3, cognito);
            LOG.infof("Local stack ready in %d ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            return stack;
        } catch (RuntimeException e) {
            Collections.reverse(startedParts);
            startedParts.forEach(LocalStack::closeQuietly);
            throw e;
        }
    }

    public Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.putAll(postgres.config());
        config.putAll(s3.config());
        config.putAll(cognito.config());
        return config;
    }

    /** The demo admin's credentials when this start created the account, as "email password", else null. */
    public String demoAdminCredentials() {
        var admin = cognito.demoAdmin();
        return admin == null ? null : admin.path("email").asText() + " " + admin.path("password").asText();
    }

    /** The emulator's signing key: tests sign tokens with it to prove which checks reject them. */
    public Path cognitoSigningKey() {
        return cognito.signingKey();
    }

    /** The emulator's client-credentials client secret and token endpoint, for tests that act as a machine client. */
    public Map<String, String> cognitoMachineClient() {
        return cognito.machineClient();
    }

    /** Takes Cognito away, as an outage would. */
    public void stopIdentityProvider() {
        cognito.stopProcess();
    }

    public void startIdentityProvider() {
        cognito.startProcess();
    }

    /** Takes S3 away, as an outage would. */
    public void stopStorage() {
        s3.stopProcess();
    }

    public void startStorage() {
        s3.startProcess();
    }

    /** Freezes PostgreSQL (SIGSTOP): connections stay open and nothing answers, as during a fail-over. */
    public void freezeDatabase() {
        postgres.signal("STOP");
    }

    public void thawDatabase() {
        postgres.signal("CONT");
    }

    /** Freezes S3Proxy (SIGSTOP): requests are accepted by the kernel and never answered. */
    public void freezeStorage() {
        s3.signal("STOP");
    }

    public void thawStorage() {
        s3.signal("CONT");
    }

    @Override
    public void close() {
        closeQuietly(cognito);
        closeQuietly(s3);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warnf("Stopping %s failed: %s", part.getClass().getSimpleName(), e.getMessage());
        }
    }
}
