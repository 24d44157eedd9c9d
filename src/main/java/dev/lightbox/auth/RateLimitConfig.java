package dev.lightbox.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * Abuse limits of the unauthenticated auth endpoints ({@code lightbox.rate-limit.*}): one bucket per action and email,
 * one per action and client address, in memory per instance.
 */
@ConfigMapping(prefix = "lightbox.rate-limit")
public interface RateLimitConfig {

    Limit perEmail();

    Limit perAddress();

    interface Limit {
        /** Requests allowed at once. */
        long capacity();

        /** One more request is allowed after each period. */
        Duration refillPeriod();
    }
}
