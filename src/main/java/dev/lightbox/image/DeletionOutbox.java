package dev.lightbox.image;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage;
import dev.lightbox.variant.ImageVariant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The durable outbox of object deletions ({@link ObjectDeletion}). Transactions never span an S3 call; instead every
 * step that could leave an object without a row first records the object here, in the same transaction that makes it
 * unreferenced (or, for objects about to be written, as a guard due later), so the clean-up can finish the job
 * whatever fails in between. A row (an image's, or a variant's) never points at a key before its object exists.
 */
@ApplicationScoped
public class DeletionOutbox {

    private static final Logger LOG = Logger.getLogger(DeletionOutbox.class);
    private static final int BATCH = 100;
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(10);

    private final ObjectStorage storage;
    private final Database database;

    public DeletionOutbox(ObjectStorage storage, Database database) {
        this.storage = storage;
        this.database = database;
    }

    /** Records that an object is about to be written under {@code objectKey}, so that it is removed if no row claims it. */
    public Uni<Void> guard(String objectKey, Instant dueAt) {
        return database.transaction(() -> lockKey(objectKey).chain(() -> ObjectDeletion.of(objectKey, dueAt, Timestamps.now()).persist()))
                .replaceWithVoid();
    }

    /** A transaction-scoped PostgreSQL advisory lock on an object key (see {@link #processAt}). */
    static Uni<Void> lockKey(String objectKey) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(:key))) as locked", Integer.class)
                .setParameter("key", objectKey).getSingleResult()).replaceWithVoid();
    }

    public static Uni<Long> dropGuards(String objectKey) {
        return ObjectDeletion.delete("objectKey", objectKey);
    }

    /** Within the caller's transaction: the object at {@code objectKey} is to go now. */
    public static Uni<ObjectDeletion> enqueue(String objectKey, Instant now) {
        return schedule(objectKey, now, now);
    }

    /** Within the caller's transaction: the object at {@code objectKey}, if any, is to go at {@code dueAt}. */
    static Uni<ObjectDeletion> schedule(String objectKey, Instant dueAt, Instant now) {
        ObjectDeletion deletion = ObjectDeletion.of(objectKey, dueAt, now);
        return deletion.<ObjectDeletion>persist().call(() -> Panache.getSession().chain(session -> session.flush()));
    }

    /**
     * A write under {@code objectKey} was given up: its guard becomes due now instead of when the write would have timed
     * out, and is processed at once (the object goes unless a row points at it); if storage is down, the clean-up
     * retries it with back-off.
     */
    public Uni<Void> expediteGuards(String objectKey) {
        return database.transaction(() -> lockKey(objectKey)
                        .chain(() -> ObjectDeletion.update("dueAt = ?1 where objectKey = ?2", Timestamps.now(), objectKey)))
                .chain(() -> deleteNowOrLater(objectKey));
    }

    /** Whether an image row or a variant row points at the key. */
    private static Uni<Boolean> referenced(String objectKey) {
        return Image.count("objectKey", objectKey)
                .chain(images -> images > 0 ? Uni.createFrom().item(Boolean.TRUE)
                        : ImageVariant.count("objectKey", objectKey).map(variants -> variants > 0));
    }

    /** Processes just-enqueued entries at once, so that a client sees its object gone when its request returns. */
    Uni<int[]> process(List<ObjectDeletion> deletions) {
        return processAt(deletions, Timestamps.now());
    }

    /** One batch of the entries due at {@code now}: objects deleted, and deletions failed (to be retried). */
    Uni<int[]> processDue(Instant now) {
        return database.session(() -> ObjectDeletion.<ObjectDeletion>find("dueAt <= ?1 order by dueAt", now).page(0, BATCH).list())
                .chain(due -> processAt(due, now));
    }

    /** Deletes the object of an entry that is not a guard (attempts 0: not yet tried) now, or leaves it to the clean-up. */
    public Uni<Void> deleteNowOrLater(String objectKey) {
        return database.session(() -> ObjectDeletion.<ObjectDeletion>find("objectKey = ?1 and attempts = 0", objectKey).list())
                .chain(this::process).replaceWithVoid();
    }

    /**
     * Deletes each entry's object unless a row points at its key again, or a write to that key is under way (a guard
     * for it is not yet due): then the entry waits. The check and the deletion hold the key's lock, which writers take
     * to record their guard before writing, so a deletion can never land on an object written after its check.
     * Failures are retried later with backoff.
     */
    private Uni<int[]> processAt(List<ObjectDeletion> deletions, Instant now) {
        int[] deletedAndFailed = new int[2];
        return Multi.createFrom().iterable(deletions)
                // Not within the database deadline: the key's lock is held across the S3 delete, which has its own.
                .onItem().transformToUniAndConcatenate(deletion -> Panache.withTransaction(() -> lockKey(deletion.objectKey)
                        .chain(() -> referenced(deletion.objectKey))
                        .chain(referenced -> referenced ? Uni.createFrom().<Boolean>item(Boolean.FALSE)
                                : ObjectDeletion.count("objectKey = ?1 and dueAt > ?2 and id <> ?3", deletion.objectKey, now, deletion.id)
                                        .chain(writing -> writing > 0 ? Uni.createFrom().<Boolean>nullItem()
                                                : storage.delete(deletion.objectKey).invoke(() -> deletedAndFailed[0]++)
                                                        .replaceWith(Boolean.TRUE)))
                        // null: a write is under way, keep the entry for a later run
                        .call(deleted -> deleted == null ? Uni.createFrom().voidItem() : ObjectDeletion.delete("id", deletion.id)))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> {
                            deletedAndFailed[1]++;
                            LOG.warnf("Deleting object %s failed (attempt %d), retrying later: %s",
                                    deletion.objectKey, deletion.attempts + 1, failure.toString());
                            return database.transaction(() -> ObjectDeletion.update("attempts = attempts + 1, dueAt = ?1 where id = ?2",
                                    now.plus(retryDelay(deletion.attempts)), deletion.id)).replaceWithVoid()
                                    .onFailure().recoverWithNull();
                        }))
                .collect().last()
                .replaceWith(deletedAndFailed);
    }

    private static Duration retryDelay(int attempts) {
        Duration delay = Duration.ofSeconds(1L << Math.min(attempts, 10));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }
}
