package dev.lightbox.reliability;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Deadlines and circuit breakers of the calls to each dependency ({@code lightbox.dependencies.*}). */
@ConfigMapping(prefix = "lightbox.dependencies")
public interface DependencyConfig {

    Limits database();

    Limits storage();

    @WithName("identity-provider")
    Limits identityProvider();

    default Limits of(Dependency dependency) {
        return switch (dependency) {
            case DATABASE -> database();
            case STORAGE -> storage();
            case IDENTITY_PROVIDER -> identityProvider();
        };
    }

    interface Limits {
        /** The longest one call may take; past it the client is answered 503 with Retry-After. */
        Duration deadline();

        /** The breaker opens when this share of the last {@link #breakerWindow()} calls failed or timed out. */
        @WithDefault("0.5")
        double breakerFailureRatio();

        @WithDefault("20")
        int breakerWindow();

        /** How long an open breaker answers 503 at once before it lets a trial call through. */
        @WithDefault("PT5S")
        Duration breakerDelay();
    }
}
