package dev.lightbox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.lightbox.localstack.LocalStack;
import dev.lightbox.testsupport.PackagedApp;

/**
 * Start-up time and memory of the packaged application (JVM jar, or the native binary when given its path), against
 * the real local stack. Not a test: run it after {@code ./mvnw package}, see README "Benchmarks".
 * It first runs the artifact with QUARKUS_INIT_AND_EXIT=true (the migration task), then starts it N times and
 * measures the time from launch to the first ready answer, the resident memory once ready, and how long the first
 * request (a guest's list) then takes.
 */
public final class StartupBenchmark {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (args.length > 1) {
            System.setProperty("native.image.path", args[1]);
        }
        try (LocalStack stack = LocalStack.start(LocalStack.Mode.TEST, Duration.ofMinutes(3))) {
            Map<String, String> settings = new HashMap<>(stack.config());
            settings.put("lightbox.s3.path-style", "true");
            long started = System.nanoTime();
            try (PackagedApp migration = PackagedApp.start("startup-migration", settings, Map.of("QUARKUS_INIT_AND_EXIT", "true"))) {
                int exit = migration.awaitExit(PATIENCE);
                if (exit != 0) {
                    throw new IllegalStateException("The migration run exited with " + exit);
                }
            }
            System.out.printf("migration run (QUARKUS_INIT_AND_EXIT=true): %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
            for (int run = 1; run <= runs; run++) {
                long launched = System.nanoTime();
                try (PackagedApp app = PackagedApp.start("startup-" + run, settings, Map.of())) {
                    app.awaitReadiness(200, PATIENCE);
                    long readyMs = Duration.ofNanos(System.nanoTime() - launched).toMillis();
                    long rssMb = rssKb(app.pid()) / 1024;
                    long asked = System.nanoTime();
                    int status = HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/api/images"))).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    System.out.printf("run %d: ready after %d ms, RSS %d MB; the first list then answered %d in %d ms%n", run,
                            readyMs, rssMb, status, Duration.ofNanos(System.nanoTime() - asked).toMillis());
                }
            }
        }
    }

    private static long rssKb(long pid) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1L);
    }
}
