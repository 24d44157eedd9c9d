package dev.lightbox.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second instance of the packaged application (the JVM jar, or the native binary under -Dnative) in the production
 * profile, for tests of how it runs rather than what it answers: TLS to the database, shutdown on SIGTERM.
 */
public final class PackagedApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private PackagedApp(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts it with these settings (system properties) and environment variables; returns once it listens. */
    public static PackagedApp start(String name, Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path nativeBinary = Path.of(System.getProperty("native.image.path", "target/none"));
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(nativeBinary) ? nativeBinary.toString()
                : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        if (!Files.isExecutable(nativeBinary)) {
            command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        }
        Files.createDirectories(Path.of("target"));
        Path log = Path.of("target", "packaged-app-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new PackagedApp(builder.start(), port, managementPort, log);
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The readiness status code, or -1 while nothing answers. */
    public int readiness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until readiness answers {@code status} (200: ready; 503: up but not ready), or fails with the log. */
    public void awaitReadiness(int status, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (readiness() == status) {
                return;
            }
            Thread.sleep(10);  // fine-grained: the start-up benchmark times native starts of tens of milliseconds
        }
        throw new AssertionError("readiness never answered " + status + "; the application's log:\n" + Files.readString(log));
    }

    /** Runs it to its end (e.g. QUARKUS_INIT_AND_EXIT=true) and returns the exit code. */
    public int awaitExit(Duration patience) throws Exception {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + patience + "; its log:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as ECS and Kubernetes do to stop a task or pod. */
    public void terminate() {
        process.destroy();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** A port nothing listens on now, on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
