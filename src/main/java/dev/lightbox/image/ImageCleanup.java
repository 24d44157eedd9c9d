package dev.lightbox.image;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lightbox.reliability.Database;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code lightbox.images.cleanup-interval}: removes pending uploads whose URL expired, then deletes the objects
 * whose {@link DeletionOutbox} entries are due. Safe to run concurrently with itself and with requests.
 */
@ApplicationScoped
public class ImageCleanup {

    private static final Logger LOG = Logger.getLogger(ImageCleanup.class);
    private static final int BATCH = 100;

    private final Database database;
    private final DeletionOutbox outbox;
    private final ImageConfig config;

    public ImageCleanup(Database database, DeletionOutbox outbox, ImageConfig config) {
        this.database = database;
        this.outbox = outbox;
        this.config = config;
    }

    public record CleanupReport(int abandonedUploads, int objectsDeleted, int deletionsFailed) {
    }

    @Scheduled(every = "${lightbox.images.cleanup-interval:60s}", delayed = "${lightbox.images.cleanup-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return cleanUp(Timestamps.now())
                .invoke(report -> {
                    if (report.abandonedUploads() + report.objectsDeleted() + report.deletionsFailed() > 0) {
                        LOG.infof("Clean-up: %s", report);
                    } else {
                        LOG.debug("Clean-up: nothing to do");
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Clean-up failed, next run retries: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One run as of {@code now}: pending uploads abandoned before {@code now} minus the grace period, then due deletions. */
    public Uni<CleanupReport> cleanUp(Instant now) {
        Instant abandonedBefore = now.minus(config.uploadGrace());
        return database.transaction(() -> Image.<Image>find("status = ?1 and uploadExpiresAt < ?2", ImageStatus.PENDING, abandonedBefore)
                .page(0, BATCH).list()
                .chain(abandoned -> Multi.createFrom().iterable(abandoned)
                        .onItem().transformToUniAndConcatenate(image -> Image.delete("id = ?1 and status = ?2", image.id, ImageStatus.PENDING)
                                // The upload object's deletion was scheduled for this moment when the upload started.
                                .chain(() -> DeletionOutbox.enqueue(image.objectKey, now)))
                        .collect().asList()))
                .chain(abandoned -> outbox.processDue(now)
                        .map(result -> new CleanupReport(abandoned.size(), result[0], result[1])));
    }
}
