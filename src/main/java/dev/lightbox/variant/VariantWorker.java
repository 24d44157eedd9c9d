package dev.lightbox.variant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lightbox.reliability.Database;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Works through {@code variant_work}: every {@code lightbox.variants.poll-interval}, and at once when an upload
 * {@link #nudge}s it, until nothing is due. Work is claimed with {@code for update skip locked}, so instances share the
 * queue without taking the same image, for a lease: the row's due time moves past the longest a job may take, so the
 * work of an instance that dies comes due again for another. A failure is retried with exponential back-off, and after
 * {@code max-attempts} the work is marked failed (a corrupt image that passed the header checks ends there).
 */
@ApplicationScoped
public class VariantWorker {

    private static final Logger LOG = Logger.getLogger(VariantWorker.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(30);

    private final Database database;
    private final VariantMaker maker;
    private final VariantConfig config;
    private final Vertx vertx;
    private final Duration lease;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public VariantWorker(Database database, VariantMaker maker, VariantConfig config, Vertx vertx) {
        this.database = database;
        this.maker = maker;
        this.config = config;
        this.vertx = vertx;
        // Reading, rendering and writing with their deadlines fit comfortably; a lease that runs out early would only
        // let a second worker repeat the same work, which is harmless.
        this.lease = config.timeLimit().multipliedBy(2).plusMinutes(1);
    }

    /** The first poll waits an interval, as the clean-up's does: start-up has enough to do. */
    @Scheduled(every = "${lightbox.variants.poll-interval:10s}", delayed = "${lightbox.variants.poll-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        nudge();
    }

    /** Starts working through due work unless this instance already is (then it looks again once done). */
    public void nudge() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        // A context of its own, flagged safe for Hibernate Reactive: the work must not share a request's session.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> drain()
                .onTermination().invoke(() -> {
                    running.set(false);
                    if (again.get()) {
                        nudge();
                    }
                })
                .subscribe().with(done -> { }, failure -> LOG.warnf("Variant work stopped, next poll resumes: %s", failure.toString())));
    }

    /** Claims and does due work, a batch of {@code concurrency} images at a time, until none is due. */
    private Uni<Void> drain() {
        return claim().chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(claimed)
                        .onItem().transformToUni(this::process).merge(config.concurrency())
                        .collect().last()
                        .chain(this::drain));
    }

    private record Claimed(UUID imageId, int attempts) {
    }

    private Uni<List<Claimed>> claim() {
        return database.execute("""
                update variant_work w set attempts = w.attempts + 1, due_at = now() + make_interval(secs => $2)
                from (select image_id from variant_work where due_at <= now() and failed_at is null
                      order by due_at limit $1 for update skip locked) due
                where w.image_id = due.image_id
                returning w.image_id, w.attempts""", Tuple.of(config.concurrency(), (double) lease.toSeconds()))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getUUID("image_id"), row.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    private Uni<Void> process(Claimed work) {
        return maker.make(work.imageId())
                .replaceWithVoid()
                .onFailure(VariantMaker.ImageMoved.class).recoverWithUni(moved -> retry(work, Duration.ZERO, "image moved", false, false))
                .onFailure().recoverWithUni(failure -> {
                    boolean last = work.attempts() >= config.maxAttempts();
                    LOG.warnf("Variants of image %s failed (attempt %d%s): %s", work.imageId(), work.attempts(),
                            last ? ", giving up" : ", retrying later", failure.toString());
                    return retry(work, retryDelay(work.attempts()), failure.toString(), last, true);
                })
                // The work row keeps its lease, so whatever failed here is retried once it runs out.
                .onFailure().recoverWithNull();
    }

    /** The work comes due again after {@code delay}, or is marked failed; a move meanwhile is not {@code counted}. */
    private Uni<Void> retry(Claimed work, Duration delay, String error, boolean failed, boolean counted) {
        return database.execute("""
                update variant_work set due_at = now() + make_interval(secs => $2), last_error = $3,
                       failed_at = case when $4 then now() end, attempts = attempts - case when $5 then 0 else 1 end
                where image_id = $1""",
                Tuple.of(work.imageId(), (double) delay.toSeconds(), error.length() > 500 ? error.substring(0, 500) : error,
                        failed, counted))
                .replaceWithVoid();
    }

    private static Duration retryDelay(int attempts) {
        Duration delay = Duration.ofSeconds(1L << Math.min(attempts, 12));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }
}
