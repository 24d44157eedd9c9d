package dev.lightbox.bench;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lightbox.localstack.LocalStack;

/**
 * Start-up time and memory of the packaged application (JVM jar, or the native binary when given its path), against
 * the real local stack. Not a test: run it after {@code ./mvnw package}, see README "Benchmarks".
 * It first runs the artifact with QUARKUS_INIT_AND_EXIT=true (the migration task), then starts it N times and
 * measures the time from launch to the first ready answer, and the resident memory once ready.
 */
public final class StartupBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path nativeBinary = args.length > 1 ? Path.of(args[1]) : null;
        try (LocalStack stack = LocalStack.start(LocalStack.Mode.TEST, Duration.ofMinutes(3))) {
            Map<String, String> config = stack.config();
            Duration migration = timeToExit(launch(nativeBinary, config, true));
            System.out.printf("migration run (QUARKUS_INIT_AND_EXIT=true): %d ms%n", migration.toMillis());
            for (int run = 1; run <= runs; run++) {
                int port = freePort();
                int managementPort = freePort();
                long launched = System.nanoTime();
                Process app = launch(nativeBinary, withPorts(config, port, managementPort), false);
                try {
                    awaitReady(managementPort, app);
                    long readyMs = Duration.ofNanos(System.nanoTime() - launched).toMillis();
                    System.out.printf("run %d: ready after %d ms, RSS %d MB%n", run, readyMs, rssKb(app.pid()) / 1024);
                } finally {
                    app.destroy();
                    app.waitFor();
                }
            }
        }
    }

    private static Process launch(Path nativeBinary, Map<String, String> config, boolean initAndExit) throws IOException {
        List<String> command = new ArrayList<>();
        if (nativeBinary == null) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        } else {
            command.add(nativeBinary.toString());
        }
        config.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-Dlightbox.s3.path-style=true");
        if (nativeBinary == null) {
            command.add("-jar");
            command.add("target/quarkus-app/quarkus-run.jar");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("lightbox-startup", ".log").toFile());
        if (initAndExit) {
            builder.environment().put("QUARKUS_INIT_AND_EXIT", "true");
        }
        return builder.start();
    }

    private static Map<String, String> withPorts(Map<String, String> config, int port, int managementPort) {
        Map<String, String> withPort = new HashMap<>(config);
        withPort.put("quarkus.management.port", Integer.toString(managementPort));
        withPort.put("quarkus.management.host", "127.0.0.1");
        withPort.put("quarkus.http.port", Integer.toString(port));
        withPort.put("quarkus.http.host", "127.0.0.1");
        return withPort;
    }

    private static Duration timeToExit(Process process) throws InterruptedException {
        long started = System.nanoTime();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("The migration run exited with " + exit);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Polls readiness on the management port. */
    static void awaitReady(int managementPort, Process app) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && app.isAlive()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("The application did not become ready");
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1L);
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
