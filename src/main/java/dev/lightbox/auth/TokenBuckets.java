package dev.lightbox.auth;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets by key, in memory: each key may spend {@code capacity} requests at once and gets one back every
 * {@code refillPeriod}. Full buckets carry no information, so {@link #sweep} drops them to bound memory.
 */
final class TokenBuckets {

    private final long capacity;
    private final long refillNanos;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(long capacity, Duration refillPeriod) {
        if (capacity < 1 || refillPeriod.isNegative() || refillPeriod.isZero()) {
            throw new IllegalArgumentException("A bucket needs a capacity of at least 1 and a positive refill period");
        }
        this.capacity = capacity;
        this.refillNanos = refillPeriod.toNanos();
    }

    /** Takes one token for {@code key} at {@code nowNanos}: {@link Duration#ZERO} if granted, else how long to wait. */
    Duration tryTake(String key, long nowNanos) {
        return buckets.computeIfAbsent(key, ignored -> new Bucket(capacity, nowNanos)).tryTake(nowNanos);
    }

    /** Forgets every bucket that has refilled completely by {@code nowNanos}. */
    void sweep(long nowNanos) {
        buckets.values().removeIf(bucket -> bucket.isFull(nowNanos));
    }

    int size() {
        return buckets.size();
    }

    private final class Bucket {
        private long tokens;
        private long updatedNanos;

        Bucket(long tokens, long nowNanos) {
            this.tokens = tokens;
            this.updatedNanos = nowNanos;
        }

        synchronized Duration tryTake(long nowNanos) {
            refill(nowNanos);
            if (tokens > 0) {
                tokens--;
                return Duration.ZERO;
            }
            return Duration.ofNanos(refillNanos - (nowNanos - updatedNanos));
        }

        synchronized boolean isFull(long nowNanos) {
            refill(nowNanos);
            return tokens >= capacity;
        }

        private void refill(long nowNanos) {
            long earned = (nowNanos - updatedNanos) / refillNanos;
            if (earned > 0) {
                tokens = Math.min(capacity, tokens + earned);
                updatedNanos = tokens == capacity ? nowNanos : updatedNanos + earned * refillNanos;
            }
        }
    }
}
