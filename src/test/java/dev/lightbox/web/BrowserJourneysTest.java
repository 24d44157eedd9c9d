package dev.lightbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.LocalStackResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs the web app's browser journeys (src/test/browser, Node's test runner driving Debian's headless Chromium through
 * playwright-core) against this test boot of the service and its local stack. Without Chromium the test is skipped,
 * unless LIGHTBOX_REQUIRE_BROWSER=true (as in CI): then it fails.
 */
@QuarkusTest
class BrowserJourneysTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SUITE = Path.of("src/test/browser");
    private static final long TIMEOUT_SECONDS = 300;

    @TestHTTPResource("/")
    URL app;

    @Test
    void journeysThroughTheWebAppPassInChromium() throws IOException, InterruptedException {
        boolean required = "true".equals(System.getenv("LIGHTBOX_REQUIRE_BROWSER"));
        String missing = CHROMIUM + " is missing: install it with `apt-get update && apt-get install -y chromium`";
        if (required) {
            assertTrue(Files.isExecutable(CHROMIUM), missing + " (LIGHTBOX_REQUIRE_BROWSER=true)");
        } else {
            assumeTrue(Files.isExecutable(CHROMIUM), missing + " to run the browser journeys");
        }
        if (!Files.isDirectory(SUITE.resolve("node_modules/playwright-core"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of()), "npm ci in " + SUITE);
        }
        Identities.TestUser admin = Identities.signedIn("web-admin", "Admin");
        Map<String, String> environment = Map.of(
                "LIGHTBOX_BASE_URL", app.toString(),
                "LIGHTBOX_CODES_URL", LocalStackResource.config("lightbox.cognito.endpoint") + "/_local/codes",
                "LIGHTBOX_ADMIN_EMAIL", admin.email(),
                "LIGHTBOX_ADMIN_PASSWORD", Identities.PASSWORD,
                "LIGHTBOX_SCREENSHOTS_DIR", Path.of("target/browser-screenshots").toAbsolutePath().toString());
        int exit = run(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec", "journeys.test.mjs"), environment);
        assertEquals(0, exit, "The browser journeys failed (output above; screenshots in target/browser-screenshots)");
    }

    /** Runs a command in the suite's folder, its output streamed into the test's; its exit code. */
    private static int run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(SUITE.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output.lines().forEach(line -> System.out.println("[browser] " + line));
            } catch (IOException e) {
                System.out.println("[browser] output lost: " + e);
            }
        }, "browser-suite-output");
        pump.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        pump.join();
        return process.exitValue();
    }
}
