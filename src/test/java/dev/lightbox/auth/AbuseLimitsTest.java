package dev.lightbox.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.lightbox.auth.AbuseLimits.Action;
import dev.lightbox.problem.ProblemException;

class AbuseLimitsTest {

    private static RateLimitConfig.Limit limit(long capacity) {
        return new RateLimitConfig.Limit() {
            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public Duration refillPeriod() {
                return Duration.ofMinutes(1);
            }
        };
    }

    private static AbuseLimits limits(long perEmail, long perAddress) {
        return new AbuseLimits(new RateLimitConfig() {
            @Override
            public Limit perEmail() {
                return limit(perEmail);
            }

            @Override
            public Limit perAddress() {
                return limit(perAddress);
            }
        });
    }

    @Test
    void oneAddressTryingManyEmailsIsLimited() {
        AbuseLimits limits = limits(10, 2);
        limits.check(Action.SIGN_IN, "a@example.test", "10.0.0.1");
        limits.check(Action.SIGN_IN, "b@example.test", "10.0.0.1");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> limits.check(Action.SIGN_IN, "c@example.test", "10.0.0.1"));
        assertEquals(429, refused.problem().status());
        assertTrue(refused.retryAfter().toSeconds() >= 1);
        assertDoesNotThrow(() -> limits.check(Action.SIGN_IN, "c@example.test", "10.0.0.2"));
    }

    @Test
    void oneEmailFromManyAddressesIsLimitedWhateverItsCase() {
        AbuseLimits limits = limits(2, 100);
        limits.check(Action.FORGOT_PASSWORD, "Ann@Example.test", "10.0.0.1");
        limits.check(Action.FORGOT_PASSWORD, "ann@example.test", "10.0.0.2");
        assertThrows(ProblemException.class, () -> limits.check(Action.FORGOT_PASSWORD, "ANN@example.test ", "10.0.0.3"));
    }

    @Test
    void actionsHaveTheirOwnBuckets() {
        AbuseLimits limits = limits(1, 100);
        limits.check(Action.SIGN_IN, "ann@example.test", "10.0.0.1");
        assertDoesNotThrow(() -> limits.check(Action.FORGOT_PASSWORD, "ann@example.test", "10.0.0.1"));
    }
}
