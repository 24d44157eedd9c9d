package dev.lightbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * cognito-local, pinned with a lockfile, behind our launcher ({@code src/local-stack/cognito/launcher.mjs}) that closes
 * its gaps and creates the pool, the app client and the groups. Its signing key is public: dev and test only.
 */
final class CognitoEmulator implements AutoCloseable {

    private static final String READY_PREFIX = "LIGHTBOX-COGNITO-READY ";
    private static final String LAUNCHER_DIRECTORY = "src/local-stack/cognito";

    private final Path launcherDirectory;
    private final Path dataDirectory;
    private final List<String> options;
    private ChildProcess process;
    private JsonNode ready;

    private CognitoEmulator(Path launcherDirectory, Path dataDirectory, List<String> options) {
        this.launcherDirectory = launcherDirectory;
        this.dataDirectory = dataDirectory;
        this.options = options;
    }

    static CognitoEmulator start(Path projectDirectory, Path dataDirectory, boolean demoAdmin, Duration codeTtl) {
        Path launcherDirectory = projectDirectory.resolve(LAUNCHER_DIRECTORY);
        if (!Files.isDirectory(launcherDirectory.resolve("node_modules"))) {
            ChildProcess.run("npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund"), launcherDirectory,
                    Duration.ofMinutes(5));
        }
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = new ArrayList<>(List.of("--data-dir", dataDirectory.toAbsolutePath().toString(),
                "--code-ttl-seconds", Long.toString(codeTtl.toSeconds())));
        if (demoAdmin) {
            options.add("--demo-admin");
        }
        CognitoEmulator emulator = new CognitoEmulator(launcherDirectory, dataDirectory, options);
        emulator.launch(0);
        return emulator;
    }

    /** Starts the emulator again after {@link #stopProcess()}, on the same port and data: same pool, client and key. */
    synchronized void startProcess() {
        launch(URI.create(ready.path("endpoint").asText()).getPort());
    }

    /** Stops the emulator, as an outage of Cognito would look to the service. */
    synchronized void stopProcess() {
        process.close();
    }

    private void launch(int port) {
        List<String> command = new ArrayList<>(List.of("node", "launcher.mjs", "--port", Integer.toString(port)));
        command.addAll(options);
        process = ChildProcess.start("cognito-local", command, launcherDirectory, line -> line.startsWith(READY_PREFIX));
        String readyLine = process.awaitLine(Duration.ofSeconds(60));
        try {
            ready = new ObjectMapper().readTree(readyLine.substring(READY_PREFIX.length()));
        } catch (IOException e) {
            process.close();
            throw new UncheckedIOException("Unreadable ready line from the Cognito emulator: " + readyLine, e);
        }
    }

    Map<String, String> config() {
        return Map.of(
                "lightbox.cognito.endpoint", ready.path("endpoint").asText(),
                "lightbox.cognito.user-pool-id", ready.path("userPoolId").asText(),
                "lightbox.cognito.client-id", ready.path("clientId").asText(),
                "lightbox.cognito.issuer", ready.path("issuer").asText(),
                "lightbox.machine-clients.client-ids", ready.path("machineClient").path("clientId").asText(),
                "quarkus.cognito-user-pools.aws.credentials.type", "static",
                "quarkus.cognito-user-pools.aws.credentials.static-provider.access-key-id", "cognito-local",
                "quarkus.cognito-user-pools.aws.credentials.static-provider.secret-access-key", "cognito-local");
    }

    /** The emulator's client-credentials app client: its id and secret, for tests that ask /oauth2/token. */
    Map<String, String> machineClient() {
        return Map.of("localstack.cognito-machine-client-secret", ready.path("machineClient").path("clientSecret").asText(),
                "localstack.cognito-token-endpoint", ready.path("tokenEndpoint").asText());
    }

    /** The PEM of the emulator's signing key (made per data folder), for tests that mint their own tokens. */
    Path signingKey() {
        return dataDirectory.resolve("signing-key.json");
    }

    /** The demo admin's email and password the first time the emulator creates it, else {@code null}. */
    JsonNode demoAdmin() {
        JsonNode admin = ready.path("demoAdmin");
        return admin.isObject() ? admin : null;
    }

    @Override
    public void close() {
        stopProcess();
    }
}
