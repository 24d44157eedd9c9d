package dev.lightbox.image;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.problem.Problem;
import dev.lightbox.problem.ProblemException;

/**
 * How many streamed uploads (and presigned completions being cleaned of metadata) this instance serves at once, in all
 * and per user: each holds memory, and one account must not be able to take every slot. Past the user's limit: 429; past the instance's: 503.
 */
@ApplicationScoped
class UploadSlots {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final int maxTotal;
    private final int maxPerUser;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perUser = new ConcurrentHashMap<>();

    UploadSlots(ImageConfig config) {
        this.maxTotal = config.maxConcurrentUploads();
        this.maxPerUser = config.maxConcurrentUploadsPerUser();
    }

    /** Takes a slot for {@code userId}, or throws the problem to answer; run the returned action to give it back. */
    Runnable take(String userId) {
        boolean[] admitted = new boolean[1];
        perUser.compute(userId, (id, count) -> {
            int running = count == null ? 0 : count;
            admitted[0] = running < maxPerUser;
            return admitted[0] ? running + 1 : count;
        });
        if (!admitted[0]) {
            throw new ProblemException(Problem.of(429, "upload.too_many",
                    "You have " + maxPerUser + " uploads in progress already; start the next when one has finished."), RETRY_AFTER, null);
        }
        if (total.incrementAndGet() > maxTotal) {
            release(userId);
            throw new ProblemException(Problem.of(503, "upload.busy", "Too many uploads at once; try again shortly."), RETRY_AFTER, null);
        }
        return () -> release(userId);
    }

    private void release(String userId) {
        total.decrementAndGet();
        perUser.computeIfPresent(userId, (id, count) -> count > 1 ? count - 1 : null);
    }
}
