package dev.lightbox.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Short deadlines and limits for the tests that freeze dependencies, hold uploads open or forge proxy headers, so they
 * finish in seconds. One more Quarkus boot (with its own local stack), shared by every test class that uses it.
 */
public class FaultTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("lightbox.dependencies.database.deadline", "1s"),
                Map.entry("lightbox.dependencies.storage.deadline", "1s"),
                // Cognito is never frozen here, and sign-ins must not time out on a busy machine.
                Map.entry("lightbox.dependencies.identity-provider.deadline", "15s"),
                Map.entry("lightbox.images.upload-stall-timeout", "3s"),
                Map.entry("lightbox.images.max-concurrent-uploads-per-user", "2"),
                // One proxy in front, as behind an ALB: the test plays it by appending its own entry.
                Map.entry("lightbox.http.trusted-proxy-hops", "1"),
                Map.entry("lightbox.rate-limit.per-address.capacity", "20"),
                Map.entry("lightbox.rate-limit.per-address.refill-period", "PT10M"));
    }
}
