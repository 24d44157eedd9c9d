package dev.lightbox.image;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import dev.lightbox.variant.ImageVariants;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Removing images: the row (and with it, by foreign key, its grants, share links and variant rows) in one transaction
 * with the outbox entries for its object and its variants' objects, then the objects at once or at the next clean-up.
 */
@ApplicationScoped
public class ImageDeletions {

    private final Database database;
    private final DeletionOutbox outbox;
    private final ImageLookup lookup;

    public ImageDeletions(Database database, DeletionOutbox outbox, ImageLookup lookup) {
        this.database = database;
        this.outbox = outbox;
        this.lookup = lookup;
    }

    public Uni<Void> delete(String id, Caller caller) {
        return database.transaction(() -> lookup.readable(id, caller).chain(found -> {
            Image image = found.image();
            if (!ImageAccessPolicy.canDelete(caller, image)) {
                throw ProblemException.forbidden("image.not_owner", "Only the owner or an admin can delete an image.");
            }
            return ImageVariants.keysOfLocked("id = :id", Map.of("id", image.id))
                    .call(() -> Image.delete("id", image.id).invoke(deleted -> {
                        if (deleted == 0) {
                            throw ImageProblems.notFound();
                        }
                    }))
                    .chain(variantKeys -> enqueueAll(Stream.concat(keysOf(image), variantKeys.stream()).toList()));
        })).chain(outbox::process).replaceWithVoid();
    }

    /** Removes every image of a user (rows now, objects now or at the next clean-up); the number of images removed. */
    public Uni<Long> deleteAllOwnedBy(String ownerId) {
        return database.transaction(() -> ImageVariants.keysOfLocked("owner_id = :owner", Map.of("owner", ownerId))
                .chain(variantKeys -> Image.<Image>list("ownerId", ownerId)
                        .call(() -> Image.delete("ownerId", ownerId))
                        .chain(images -> enqueueAll(Stream.concat(images.stream().flatMap(ImageDeletions::keysOf), variantKeys.stream()).toList())
                                .map(deletions -> new DeletedImages(images.size(), deletions)))))
                .chain(deleted -> outbox.process(deleted.deletions()).replaceWith((long) deleted.images()));
    }

    /** An image's object, and where its upload lands while it is pending. */
    private static Stream<String> keysOf(Image image) {
        return image.status == ImageStatus.PENDING ? Stream.of(image.objectKey, image.uploadKey()) : Stream.of(image.objectKey);
    }

    private record DeletedImages(int images, List<ObjectDeletion> deletions) {
    }

    /** Within the transaction that deleted their rows: the objects at these keys are to go. */
    private static Uni<List<ObjectDeletion>> enqueueAll(List<String> keys) {
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(key -> DeletionOutbox.enqueue(key, Timestamps.now()))
                .collect().asList();
    }
}
