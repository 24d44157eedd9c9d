package dev.lightbox.image;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.ImageRequests.ImagePatch;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage;
import dev.lightbox.variant.ImageVariant;
import dev.lightbox.variant.ImageVariants;
import dev.lightbox.variant.VariantQueue;
import dev.lightbox.variant.VariantSize;
import io.smallrye.mutiny.Multi;
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
                List<String> oldKeys = keysAt(image);
                return moveObject(image, level, patch)
                        .call(moved -> Multi.createFrom().iterable(oldKeys)
                                .onItem().transformToUniAndConcatenate(outbox::deleteNowOrLater).collect().last())
                        .chain(moved -> database.session(() -> ImageVariants.of(moved.id))
                                .map(variants -> views.of(new ImageLookup.Found(moved, found.ownerUsername(), variants))));
            }
            applyText(image, patch);
            // The variants only here, where the unchanged image is shown; a move reads its own after the copy.
            return database.transaction(() -> Image.update("title = ?1, description = ?2, updatedAt = ?3 where id = ?4",
                    image.title, image.description, image.updatedAt, image.id).chain(() -> ImageLookup.withVariants(found)))
                    .map(views::of);
        });
    }

    /**
     * The part of a level change that must never lose the image: copy the object and its variants to their new keys
     * (guarded, so a copy nobody points at is removed), then in one transaction point the rows at the copies and
     * enqueue the old objects' deletion. Variants the worker recorded after they were listed here were not copied: they
     * are dropped and made again at the new level. Public so that tests can stop a move right there, as a crash would.
     */
    public Uni<Image> moveObject(Image image, ImageLevel level, ImagePatch patch) {
        String oldKey = image.objectKey;
        String newKey = level.objectKey(image.ownerId, image.id);
        Instant guardDue = Timestamps.now().plus(MOVE_GUARD);
        return database.session(() -> ImageVariants.of(image.id)).chain(variants -> {
            Map<String, String> moves = new LinkedHashMap<>();
            moves.put(oldKey, newKey);
            for (ImageVariant variant : variants) {
                moves.put(variant.objectKey, level.variantKey(image.ownerId, image.id, variant.name));
            }
            return Multi.createFrom().iterable(moves.entrySet())
                    .onItem().transformToUniAndConcatenate(move -> outbox.guard(move.getValue(), guardDue)
                            .chain(() -> storage.copy(move.getKey(), move.getValue())))
                    .collect().last()
                    .chain(() -> database.transaction(() -> {
                        applyText(image, patch);
                        // Conditional on the row still pointing at the object we copied; it also locks the row, so
                        // the variants read below are all there are.
                        return Image.update("level = ?1, objectKey = ?2, title = ?3, description = ?4, updatedAt = ?5 where id = ?6 and objectKey = ?7",
                                level, newKey, image.title, image.description, image.updatedAt, image.id, oldKey)
                                .chain(updated -> {
                                    if (updated == 0) {
                                        throw ProblemException.conflict("image.changed", "The image changed meanwhile; try again.");
                                    }
                                    return DeletionOutbox.dropGuards(newKey).chain(() -> DeletionOutbox.enqueue(oldKey, Timestamps.now()));
                                })
                                .chain(() -> ImageVariants.of(image.id))
                                .chain(current -> Multi.createFrom().iterable(current)
                                        .onItem().transformToUniAndConcatenate(variant -> repoint(variant, moves))
                                        .collect().asList())
                                .chain(copied -> copied.contains(Boolean.FALSE) ? VariantQueue.enqueue(image.id) : Uni.createFrom().voidItem());
                    }));
        }).map(ignored -> {
            image.level = level;
            image.objectKey = newKey;
            return image;
        });
    }

    /** Points a variant row at its copy (true), or drops it when it has none (false); its old object is to go either way. */
    private static Uni<Boolean> repoint(ImageVariant variant, Map<String, String> moves) {
        String oldKey = variant.objectKey;
        String copy = moves.get(oldKey);
        Uni<Boolean> moved = copy == null ? variant.delete().replaceWith(Boolean.FALSE)
                : ImageVariant.update("objectKey = ?1 where id = ?2", copy, variant.id)
                        .chain(() -> DeletionOutbox.dropGuards(copy)).replaceWith(Boolean.TRUE);
        return moved.call(() -> DeletionOutbox.enqueue(oldKey, Timestamps.now()));
    }

    /** The keys of the image's object and of every variant it may have at its level. */
    static List<String> keysAt(Image image) {
        List<String> keys = new ArrayList<>();
        keys.add(image.objectKey);
        for (VariantSize size : VariantSize.values()) {
            keys.add(image.level.variantKey(image.ownerId, image.id, size.wire()));
        }
        return keys;
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
