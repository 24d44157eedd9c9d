package dev.lightbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lightbox.localstack.LocalStack;
import dev.lightbox.testsupport.PackagedApp;

/**
 * The local stack for {@code src/bench/run.sh}: starts PostgreSQL, S3Proxy and the Cognito emulator as the tests do,
 * writes what the packaged application needs to reach them as the production container's environment variables
 * (README "Configuration") to a file the script sources, then keeps the stack up until it is terminated or its
 * lifetime ends. Not a test.
 * <p>
 * Arguments: {@code <env file> <lifetime in seconds>}. The lifetime bounds the stack even if the script that started
 * it dies without cleaning up.
 */
public final class BenchStack {

    private static final String S3_ACCESS_KEY = "quarkus.s3.aws.credentials.static-provider.access-key-id";
    private static final String S3_SECRET_KEY = "quarkus.s3.aws.credentials.static-provider.secret-access-key";

    public static void main(String[] args) throws Exception {
        Path envFile = Path.of(args[0]);
        Duration lifetime = Duration.ofSeconds(Long.parseLong(args[1]));
        LocalStack stack = LocalStack.start(LocalStack.Mode.TEST, Duration.ofMinutes(3));
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM from the script runs shutdown hooks, not the rest of main: the stack is closed here either way.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "bench-stack-stop"));
        writeEnvironment(envFile, environment(stack.config()));
        if (!stopped.await(lifetime.toSeconds(), TimeUnit.SECONDS)) {
            System.err.println("bench stack: lifetime of " + lifetime + " reached, stopping");
            System.exit(0);
        }
    }

    /**
     * The production names of the stack's settings. AWS credentials go through the default provider chain's
     * environment variables, as production has no static keys; the Cognito emulator does not check signatures, so
     * S3Proxy's keys serve both. Path-style addressing is what an S3-compatible endpoint needs. The production profile
     * listens on all interfaces: the benchmark keeps it on the loopback interface, on a free port.
     */
    static Map<String, String> environment(Map<String, String> stackConfig) throws IOException {
        Map<String, String> environment = new TreeMap<>();
        environment.put("AWS_REGION", "us-east-1");
        environment.put("LIGHTBOX_S3_PATH_STYLE", "true");
        environment.put("AWS_ACCESS_KEY_ID", stackConfig.get(S3_ACCESS_KEY));
        environment.put("AWS_SECRET_ACCESS_KEY", stackConfig.get(S3_SECRET_KEY));
        // S3Proxy fails a share of the SDK's chunked uploads (as in the dev and test profiles).
        environment.put("QUARKUS_S3_CHUNKED_ENCODING", "false");
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(PackagedApp.freePort()));
        // Versions with a management interface (health, metrics) serve it on all interfaces, port 9000 by default;
        // versions without one ignore these.
        environment.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        environment.put("LIGHTBOX_MANAGEMENT_PORT", Integer.toString(PackagedApp.freePort()));
        stackConfig.forEach((name, value) -> {
            if (name.startsWith("lightbox.")) {
                environment.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
            } else if (!name.startsWith("quarkus.s3.aws.credentials.")
                    && !name.startsWith("quarkus.cognito-user-pools.aws.credentials.")) {
                // A new setting of the local stack must be mapped here, or the application would silently miss it.
                throw new IllegalStateException("No production environment variable for " + name);
            }
        });
        return environment;
    }

    /** Written whole then moved into place, so the script never sources half a file. */
    private static void writeEnvironment(Path envFile, Map<String, String> environment) throws IOException {
        StringBuilder exports = new StringBuilder();
        environment.forEach((name, value) -> exports.append("export ").append(name).append("='")
                .append(value.replace("'", "'\\''")).append("'\n"));
        Path partial = envFile.resolveSibling(envFile.getFileName() + ".partial");
        Files.writeString(partial, exports);
        Files.move(partial, envFile, StandardCopyOption.ATOMIC_MOVE);
    }
}
