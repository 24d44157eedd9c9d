package dev.lightbox.image;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.ImageRequests.ImagePatch;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage;
import io.smallrye.mutiny.Uni;

/** The owner's changes to an image: title and description, and moves between levels (grants stay with the image). */
@ApplicationScoped
public class ImageChanges {

    /** How long a copy to a new level may take before its guard entry deletes the copy (if no row points at it). */
    static final Duration MOVE_GUARD = Duration.ofMinutes(5);

    private final Database database;
    private final ObjectStorage storage;
    private final DeletionOutbox outbox;
    private final ImageLookup lookup;
    private final ImageViews views;

    public ImageChanges(Database database, ObjectStorage storage, DeletionOutbox outbox, ImageLookup lookup, ImageViews views) {
        this.database = database;
        this.storage = storage;
        this.outbox = outbox;
        this.lookup = lookup;
        this.views = views;
    }

    public Uni<ImageView> update(String id, ImagePatch patch, Caller caller) {
        ImageLevel level = patch.level() == null ? null : ImageProblems.parseLevel("level", patch.level());
        return database.session(() -> lookup.readable(id, caller)).chain(found -> {
            Image image = found.image();
            if (!ImageAccessPolicy.canChange(caller, image)) {
                throw ImageProblems.notOwner("change an image");
            }
            if (level != null && level != image.level) {
                if (image.status != ImageStatus.READY) {
                    throw ProblemException.conflict("image.not_ready", "Complete the upload before changing the level.");
                }
                String oldKey = image.objectKey;
                return moveObject(image, level, patch).call(moved -> outbox.deleteNowOrLater(oldKey))
                        .map(moved -> views.of(new ImageLookup.Found(moved, found.ownerUsername())));
            }
            applyText(image, patch);
            return database.transaction(() -> Image.update("title = ?1, description = ?2, updatedAt = ?3 where id = ?4",
                    image.title, image.description, image.updatedAt, image.id))
                    .map(ignored -> views.of(found));
        });
    }

    /**
     * The part of a level change that must never lose the image: copy the object to its new key (guarded, so a copy
     * nobody points at is removed), then in one transaction point the row at the copy and enqueue the old object's
     * deletion. Public so that tests can stop a move right there, as a crash would.
     */
    public Uni<Image> moveObject(Image image, ImageLevel level, ImagePatch patch) {
        String oldKey = image.objectKey;
        String newKey = level.objectKey(image.ownerId, image.id);
        return outbox.guard(newKey, Timestamps.now().plus(MOVE_GUARD))
                .chain(() -> storage.copy(oldKey, newKey))
                .chain(() -> database.transaction(() -> {
                    applyText(image, patch);
                    // Conditional on the row still pointing at the object we copied.
                    return Image.update("level = ?1, objectKey = ?2, title = ?3, description = ?4, updatedAt = ?5 where id = ?6 and objectKey = ?7",
                            level, newKey, image.title, image.description, image.updatedAt, image.id, oldKey)
                            .chain(updated -> {
                                if (updated == 0) {
                                    throw ProblemException.conflict("image.changed", "The image changed meanwhile; try again.");
                                }
                                return DeletionOutbox.dropGuards(newKey).chain(() -> DeletionOutbox.enqueue(oldKey, Timestamps.now()));
                            });
                }))
                .map(ignored -> {
                    image.level = level;
                    image.objectKey = newKey;
                    return image;
                });
    }

    private static void applyText(Image image, ImagePatch patch) {
        if (patch.title() != null) {
            image.title = patch.title();
        }
        if (patch.description() != null) {
            image.description = patch.description();
        }
        image.updatedAt = Timestamps.now();
    }
}
