package dev.lightbox.auth;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;

/** Per-email and per-client-address limits of the endpoints a stranger can call (auth, share links); 429 with Retry-After. */
@ApplicationScoped
public class AbuseLimits {

    /**
     * Passwordless start and verify share one bucket; so do the two code confirmations (guessing 6 digits); so do the
     * authenticator codes of enrolment and sign-in ({@code MFA_CODE}, keyed by email or by user id). Share-link opens
     * are limited per address only (they have no email).
     */
    public enum Action {
        SIGN_IN, SIGN_UP, RESEND_CODE, FORGOT_PASSWORD, CONFIRM_CODE, PASSWORDLESS, MFA_CODE, LINK_OPEN
    }

    private final Map<Action, TokenBuckets> byEmail = new EnumMap<>(Action.class);
    private final Map<Action, TokenBuckets> byAddress = new EnumMap<>(Action.class);

    public AbuseLimits(RateLimitConfig config) {
        for (Action action : Action.values()) {
            byEmail.put(action, new TokenBuckets(config.perEmail().capacity(), config.perEmail().refillPeriod()));
            byAddress.put(action, new TokenBuckets(config.perAddress().capacity(), config.perAddress().refillPeriod()));
        }
    }

    /** Spends one request of {@code email} and of {@code address} on {@code action}, or fails with 429. */
    public void check(Action action, String email, String address) {
        long now = System.nanoTime();
        Duration addressWait = byAddress.get(action).tryTake(address, now);
        Duration emailWait = email == null ? Duration.ZERO
                : byEmail.get(action).tryTake(email.trim().toLowerCase(Locale.ROOT), now);
        Duration wait = addressWait.compareTo(emailWait) >= 0 ? addressWait : emailWait;
        if (!wait.isZero()) {
            throw ProblemException.tooManyRequests("Too many attempts; try again later.", roundUp(wait));
        }
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetRefilledBuckets() {
        long now = System.nanoTime();
        byEmail.values().forEach(buckets -> buckets.sweep(now));
        byAddress.values().forEach(buckets -> buckets.sweep(now));
    }

    private static Duration roundUp(Duration wait) {
        return Duration.ofSeconds(wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }
}
