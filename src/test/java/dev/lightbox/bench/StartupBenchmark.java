package dev.lightbox.bench;

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
 * measures the time from launch to the first ready answer, and the resident memory once ready.
 */
public final class StartupBenchmark {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

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
                    System.out.printf("run %d: ready after %d ms, RSS %d MB%n", run, readyMs, rssKb(app.pid()) / 1024);
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
