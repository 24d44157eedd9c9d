package dev.lightbox.image;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.lightbox.problem.ProblemException;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * A fresh process makes its first readers pay for what it has not done yet: opening database connections, parsing the
 * HQL of the image reads (Hibernate's ANTLR parser, seconds on a cold JVM on a busy machine, on the event loop) and
 * translating it to SQL. So once started, the service runs its hot reads itself, in the background: a guest's list,
 * a user's and an admin's list and one image lookup, as a made-up user who finds nothing. A failure (the database not
 * reachable yet) only means the first real requests pay, as they would without it. The native binary skips it: compiled
 * ahead of time, its first reads cost milliseconds, and its memory after start is what a small container budgets for.
 */
@ApplicationScoped
class ReadPathWarmUp {

    private static final Logger LOG = Logger.getLogger(ReadPathWarmUp.class);

    void warmUp(@Observes StartupEvent started, ImageReads reads) {
        if (ImageMode.current().isNativeImage()) {
            return;
        }
        long began = System.nanoTime();
        Caller user = new Caller(UUID.randomUUID().toString(), false, Set.of());
        Caller admin = new Caller(UUID.randomUUID().toString(), true, Set.of());
        VertxContextSupport.subscribe(() -> reads.list(null, null, null, null, Caller.GUEST)
                .chain(() -> reads.list(null, null, null, null, user))
                .chain(() -> reads.list(null, null, null, null, admin))
                .chain(() -> reads.get(UUID.randomUUID().toString(), user)
                        .onFailure(ProblemException.class).recoverWithNull().replaceWithVoid()).toMulti(),
                subscription -> subscription.with(
                        nothing -> {
                        },
                        failure -> LOG.debugf("Image reads not warmed up: %s", failure.getMessage()),
                        () -> LOG.debugf("Image reads warmed up in %d ms", Duration.ofNanos(System.nanoTime() - began).toMillis())));
    }
}
