package dev.lightbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aKeySpendsItsCapacityThenWaitsForOneRefillPeriod() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, buckets.tryTake("a", 0));
        }
        assertEquals(Duration.ofSeconds(10), buckets.tryTake("a", 0));
        assertEquals(Duration.ofSeconds(6), buckets.tryTake("a", 4 * SECOND));
        assertEquals(Duration.ZERO, buckets.tryTake("a", 10 * SECOND));
        assertEquals(Duration.ofSeconds(10), buckets.tryTake("a", 10 * SECOND));
    }

    @Test
    void keysAreIndependent() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofMinutes(1));
        assertEquals(Duration.ZERO, buckets.tryTake("a", 0));
        assertEquals(Duration.ZERO, buckets.tryTake("b", 0));
        assertEquals(Duration.ofMinutes(1), buckets.tryTake("a", 0));
    }

    @Test
    void refillNeverExceedsCapacity() {
        TokenBuckets buckets = new TokenBuckets(2, Duration.ofSeconds(1));
        buckets.tryTake("a", 0);
        long later = 1000 * SECOND;
        assertEquals(Duration.ZERO, buckets.tryTake("a", later));
        assertEquals(Duration.ZERO, buckets.tryTake("a", later));
        assertEquals(Duration.ofSeconds(1), buckets.tryTake("a", later));
    }

    @Test
    void sweepForgetsOnlyFullBuckets() {
        TokenBuckets buckets = new TokenBuckets(2, Duration.ofSeconds(10));
        buckets.tryTake("old", 0);
        buckets.tryTake("recent", 9 * SECOND);
        buckets.sweep(12 * SECOND);
        assertEquals(1, buckets.size());
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(1, Duration.ZERO));
    }
}
