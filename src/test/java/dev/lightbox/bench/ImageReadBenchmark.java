package dev.lightbox.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.lightbox.localstack.LocalStack;
import dev.lightbox.testsupport.Identities;

/**
 * Throughput and latency of the two hot reads, {@code GET /api/images/{id}} and {@code GET /api/images?limit=20},
 * with a valid access token, against the packaged application (run {@code ./mvnw package -DskipTests} first) on the
 * real local stack, all on 127.0.0.1. Not a test. Bounded: a fixed number of client threads for a fixed time.
 * <p>
 * Arguments: [threads=8] [seconds=15]. Also reports SQL statements per request, read from PostgreSQL's commit counter
 * (every read runs its statements outside an explicit transaction, so each statement commits once).
 */
public final class ImageReadBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final int ROWS = 1000;

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 15);
        try (LocalStack stack = LocalStack.start(LocalStack.Mode.TEST, Duration.ofMinutes(3))) {
            Map<String, String> config = stack.config();
            config.forEach(System::setProperty);
            int port = StartupBenchmark.freePort();
            Process app = launch(config, port);
            try {
                StartupBenchmark.awaitReady(port, app);
                String token = Identities.signedIn("bench").accessToken();
                String owner = UUID.randomUUID().toString();
                String imageId = insertImages(config, owner);
                HttpClient client = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                for (String path : List.of("/api/images/" + imageId, "/api/images?limit=20")) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build();
                    run(client, request, threads, WARM_UP);
                    long commitsBefore = commits(config);
                    Result result = run(client, request, threads, duration);
                    long statements = commits(config) - commitsBefore;
                    System.out.printf("GET %-40s %d threads: %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  SQL/request %.2f%n",
                            path, threads, result.requests() / (double) duration.toSeconds(), result.percentile(50),
                            result.percentile(99), result.errors(), statements / (double) result.requests());
                }
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
    }

    private record Result(long requests, long errors, long[] nanos) {
        double percentile(int p) {
            return nanos.length == 0 ? 0 : nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * p / 100.0) - 1)] / 1e6;
        }
    }

    /** Closed loop: each thread sends the next request when the last one answered, until the time is up. */
    private static Result run(HttpClient client, HttpRequest request, int threads, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> workers = new ArrayList<>();
        long[] errors = new long[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    long took = System.nanoTime() - started;
                    if (status != 200) {
                        errors[index]++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged.length, Arrays.stream(errors).sum(), merged);
    }

    /** Public ready images of one owner, straight into the database (listing and reading never touch S3). */
    private static String insertImages(Map<String, String> config, String owner) throws Exception {
        String first = null;
        try (Connection db = database(config); PreparedStatement insert = db.prepareStatement("""
                insert into image (id, owner_id, level, status, object_key, filename, content_type, size, width, height,
                                   created_at, updated_at)
                values (?, ?, 'public', 'ready', ?, 'bench.png', 'image/png', 68, 2, 2, ?, ?)""")) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (int i = 0; i < ROWS; i++) {
                UUID id = UUID.randomUUID();
                first = first == null ? id.toString() : first;
                insert.setObject(1, id);
                insert.setString(2, owner);
                insert.setString(3, "public/" + id);
                insert.setTimestamp(4, Timestamp.from(now.minusMillis(i)));
                insert.setTimestamp(5, Timestamp.from(now.minusMillis(i)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return first;
    }

    private static long commits(Map<String, String> config) throws Exception {
        Thread.sleep(1500); // PostgreSQL publishes its statistics about once a second
        try (Connection db = database(config); var statement = db.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            try (ResultSet result = statement.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Connection database(Map<String, String> config) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + config.get("lightbox.db.host") + ":" + config.get("lightbox.db.port")
                + "/" + config.get("lightbox.db.name"), config.get("lightbox.db.user"), config.get("lightbox.db.password"));
    }

    private static Process launch(Map<String, String> config, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        config.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-Dlightbox.s3.path-style=true", "-Dquarkus.s3.chunked-encoding=false",
                "-Dquarkus.flyway.migrate-at-start=true", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("lightbox-bench", ".log").toFile()).start();
    }
}
