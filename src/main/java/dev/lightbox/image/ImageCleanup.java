package dev.lightbox.image;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Runs {@link ImageService#cleanUp} every {@code lightbox.images.cleanup-interval}. */
@ApplicationScoped
public class ImageCleanup {

    private static final Logger LOG = Logger.getLogger(ImageCleanup.class);

    private final ImageService images;

    public ImageCleanup(ImageService images) {
        this.images = images;
    }

    @Scheduled(every = "${lightbox.images.cleanup-interval:60s}", delayed = "${lightbox.images.cleanup-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return images.cleanUp(ImageService.now())
                .invoke(report -> {
                    if (report.abandonedUploads() + report.objectsDeleted() + report.deletionsFailed() > 0) {
                        LOG.infof("Clean-up: %s", report);
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Clean-up failed, next run retries: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
