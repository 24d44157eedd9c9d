package dev.lightbox.security;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.lightbox.reliability.DatabasePoolCreator;
import dev.lightbox.user.UserProfileStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Each user's last global sign-out, read from the database once and then kept in memory, so that an authenticated
 * request costs no database round trip for it. Every instance hears of a sign-out at once through PostgreSQL
 * {@code LISTEN/NOTIFY} (the statement that records it notifies); should a notification be lost while the listening
 * connection is down, an entry lives at most {@code lightbox.security.sign-out-cache-ttl}, and every entry is dropped
 * when the connection comes back. That TTL is the longest a revoked token can still be served.
 */
@ApplicationScoped
public class SignOutTimes {

    private static final Logger LOG = Logger.getLogger(SignOutTimes.class);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Optional<Instant> signedOutAt, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final UserProfileStore profiles;
    private final long ttlNanos;
    private PgSubscriber subscriber;

    public SignOutTimes(UserProfileStore profiles, SecurityConfig config) {
        this.profiles = profiles;
        this.ttlNanos = config.signOutCacheTtl().toNanos();
    }

    /** When the user last signed out everywhere, if ever; creates the user's profile on first sight. */
    public Uni<Optional<Instant>> of(String userId) {
        long now = System.nanoTime();
        Entry cached = entries.get(userId);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Uni.createFrom().item(cached.signedOutAt());
        }
        return profiles.ensure(userId).map(profile -> {
            Optional<Instant> signedOutAt = Optional.ofNullable(profile.signedOutAt());
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();  // a crude bound: one read per active user refills it
            }
            entries.put(userId, new Entry(signedOutAt, now + ttlNanos));
            return signedOutAt;
        });
    }

    void forget(@Observes UserProfileStore.SignedOut signedOut) {
        entries.remove(signedOut.userId());
    }

    void listen(@Observes StartupEvent started, Vertx vertx, DatabasePoolCreator pools) {
        subscriber = PgSubscriber.subscriber(vertx, pools.connectOptions());
        subscriber.reconnectPolicy(retries -> 1_000L);
        subscriber.channel(UserProfileStore.SIGN_OUT_CHANNEL).handler(entries::remove);
        subscriber.closeHandler(ignored -> entries.clear());
        subscriber.connect().onSuccess(ignored -> entries.clear())
                .onFailure(failure -> LOG.warnf("Not listening for sign-outs yet (entries expire after the TTL): %s", failure));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
