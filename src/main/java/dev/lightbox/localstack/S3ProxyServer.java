package dev.lightbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * S3Proxy as a child process with SigV4 checking on: a transient store for tests, a filesystem store for dev mode.
 * Its standalone jar is fetched by our own Maven wrapper on first use.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String BUCKET = "lightbox";
    private static final String ARTIFACT = "org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies";
    private static final String JAR_NAME = "s3proxy-4.1.0-jar-with-dependencies.jar";

    private final Path projectDirectory;
    private final Path configFile;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private ChildProcess process;

    private S3ProxyServer(Path projectDirectory, Path configFile, int port, String accessKey, String secretKey) {
        this.projectDirectory = projectDirectory;
        this.configFile = configFile;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts S3Proxy; with a {@code storeDirectory} objects are kept on disk, otherwise in memory. */
    static S3ProxyServer start(Path projectDirectory, Path workDirectory, Path storeDirectory) {
        int port = ChildProcess.freePort();
        String accessKey = "local-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = UUID.randomUUID().toString();
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        properties.setProperty("jclouds.identity", accessKey);
        properties.setProperty("jclouds.credential", secretKey);
        try {
            Files.createDirectories(workDirectory);
            if (storeDirectory == null) {
                properties.setProperty("jclouds.provider", "transient");
            } else {
                Files.createDirectories(storeDirectory);
                properties.setProperty("jclouds.provider", "filesystem");
                properties.setProperty("jclouds.filesystem.basedir", storeDirectory.toAbsolutePath().toString());
            }
            Path configFile = workDirectory.resolve("s3proxy-" + port + ".properties");
            try (var out = Files.newOutputStream(configFile)) {
                properties.store(out, "S3Proxy of the local stack");
            }
            S3ProxyServer server = new S3ProxyServer(projectDirectory, configFile, port, accessKey, secretKey);
            server.startProcess();
            server.createBucket();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not configure S3Proxy", e);
        }
    }

    /** Starts the process again after {@link #stopProcess()}, on the same port and store. */
    synchronized void startProcess() {
        Path jar = jar(projectDirectory);
        process = ChildProcess.start("s3proxy",
                List.of(javaExecutable(), "-Xmx256m", "-jar", jar.toString(), "--properties", configFile.toString()),
                projectDirectory, line -> false);
        ChildProcess.awaitPort("S3Proxy", port, Duration.ofSeconds(60));
    }

    /** Sends {@code signal} (STOP to freeze, CONT to resume) to the running process. */
    synchronized void signal(String signal) {
        ChildProcess.signal(signal, process.pid());
    }

    /** Stops the process, as an outage of S3 would look to the service. */
    synchronized void stopProcess() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    Map<String, String> config() {
        return Map.of(
                "lightbox.s3.endpoint", "http://127.0.0.1:" + port,
                "lightbox.bucket", BUCKET,
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", accessKey,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", secretKey);
    }

    private void createBucket() {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            s3.createBucket(request -> request.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // A filesystem store keeps the bucket from the last run.
        }
    }

    private static Path jar(Path projectDirectory) {
        Path directory = projectDirectory.resolve("target/local-stack");
        Path jar = directory.resolve(JAR_NAME);
        if (!Files.exists(jar)) {
            ChildProcess.run("s3proxy-download",
                    List.of(projectDirectory.resolve("mvnw").toString(), "-q", "-B",
                            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
                            "-Dartifact=" + ARTIFACT, "-DoutputDirectory=" + directory),
                    projectDirectory, Duration.ofMinutes(5));
        }
        return jar;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        stopProcess();
    }
}
