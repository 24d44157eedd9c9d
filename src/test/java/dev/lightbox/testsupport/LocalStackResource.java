package dev.lightbox.testsupport;

import java.time.Duration;
import java.util.Map;

import dev.lightbox.localstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real servers every test talks to, started once for the whole suite (one Quarkus boot for all test classes).
 * Passwordless codes live a few seconds here so that expiry can be tested without waiting minutes.
 */
@QuarkusTestResource(LocalStackResource.class)
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    public static final Duration PASSWORDLESS_CODE_TTL = Duration.ofSeconds(5);

    private static LocalStack stack;

    @Override
    public Map<String, String> start() {
        stack = LocalStack.start(LocalStack.Mode.TEST, PASSWORDLESS_CODE_TTL);
        return stack.config();
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The running stack, for tests that take a dependency away. */
    public static LocalStack stack() {
        return stack;
    }
}
