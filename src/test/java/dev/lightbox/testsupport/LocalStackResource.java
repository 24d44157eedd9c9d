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

    /** Where the emulator's signing key is, for tests that mint tokens. */
    public static final String COGNITO_SIGNING_KEY = "localstack.cognito-signing-key";

    private static LocalStack stack;

    @Override
    public Map<String, String> start() {
        stack = LocalStack.start(LocalStack.Mode.TEST, PASSWORDLESS_CODE_TTL);
        Map<String, String> config = stack.config();
        // Tests read these too (see Identities), whichever class loader runs them and whether the application
        // runs in this JVM (@QuarkusTest) or as the packaged artifact (@QuarkusIntegrationTest).
        config.forEach(System::setProperty);
        System.setProperty(COGNITO_SIGNING_KEY, stack.cognitoSigningKey().toString());
        stack.cognitoMachineClient().forEach(System::setProperty);
        return config;
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

    /** A setting of the running stack, such as {@code lightbox.cognito.endpoint}. */
    public static String config(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: is the local stack running?");
        }
        return value;
    }
}
