package dev.lightbox.image;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Removing images: the row (and with it, by foreign key, its grants and share links) in one transaction with the
 * outbox entry for its object, then the object at once or at the next clean-up.
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
            return Image.delete("id", image.id).chain(deleted -> {
                if (deleted == 0) {
                    throw ImageProblems.notFound();
                }
                return DeletionOutbox.enqueue(image.objectKey, Timestamps.now());
            });
        })).chain(deletion -> outbox.process(List.of(deletion))).replaceWithVoid();
    }

    /** Removes every image of a user (rows now, objects now or at the next clean-up); the number of images removed. */
    public Uni<Long> deleteAllOwnedBy(String ownerId) {
        return database.transaction(() -> Panache.getSession()
                .chain(session -> session.createSelectionQuery("select i.objectKey from Image i where i.ownerId = :owner", String.class)
                        .setParameter("owner", ownerId).getResultList())
                .call(keys -> Image.delete("ownerId", ownerId))
                .chain(keys -> Multi.createFrom().iterable(keys)
                        .onItem().transformToUniAndConcatenate(key -> DeletionOutbox.enqueue(key, Timestamps.now()))
                        .collect().asList()))
                .chain(deletions -> outbox.process(deletions).replaceWith((long) deletions.size()));
    }
}
