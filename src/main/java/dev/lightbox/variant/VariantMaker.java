package dev.lightbox.variant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.DeletionOutbox;
import dev.lightbox.image.Image;
import dev.lightbox.image.ImageStatus;
import dev.lightbox.image.Timestamps;
import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Makes one image's variants, in the order that keeps rows and objects consistent (as {@link DeletionOutbox} explains):
 * read the original, render, guard and write each variant's object, then in one transaction that holds the image row's
 * lock record the variant rows and the placeholder and finish the work, provided the image still is where it was read
 * from. If it was moved or deleted meanwhile, the written objects are given up (their guards delete them) and the work
 * is tried again, or ends with the image.
 */
@ApplicationScoped
public class VariantMaker {

    /** How long writing the variants may take before their guards delete objects no row claimed. */
    static final Duration WRITE_GUARD = Duration.ofMinutes(5);

    private final Database database;
    private final ObjectStorage storage;
    private final DeletionOutbox outbox;
    private final VariantRendering rendering;

    public VariantMaker(Database database, ObjectStorage storage, DeletionOutbox outbox, VariantRendering rendering) {
        this.database = database;
        this.storage = storage;
        this.outbox = outbox;
        this.rendering = rendering;
    }

    /** The image moved or went while its variants were made; the work is to be tried again at once. */
    static final class ImageMoved extends RuntimeException {
        ImageMoved() {
            super("the image moved while its variants were made", null, false, false);
        }
    }

    /** Makes and records the variants; completes with false when the image is gone (nothing more to do). */
    Uni<Boolean> make(UUID imageId) {
        return database.session(() -> Image.<Image>findById(imageId)).chain(image -> {
            if (image == null || image.status != ImageStatus.READY) {
                return Uni.createFrom().item(Boolean.FALSE);
            }
            return storage.read(image.objectKey)
                    .chain(rendering::render)
                    .chain(rendition -> write(image, rendition).chain(written -> record(image, rendition, written)
                            .onFailure().call(() -> Multi.createFrom().iterable(written)
                                    .onItem().transformToUniAndConcatenate(variant -> outbox.expediteGuards(variant.objectKey))
                                    .collect().last())))
                    .replaceWith(Boolean.TRUE);
        });
    }

    private Uni<List<ImageVariant>> write(Image image, VariantRenderer.Rendition rendition) {
        Instant now = Timestamps.now();
        List<ImageVariant> written = new ArrayList<>();
        return Multi.createFrom().iterable(rendition.variants())
                .onItem().transformToUniAndConcatenate(rendered -> {
                    ImageVariant variant = new ImageVariant();
                    variant.imageId = image.id;
                    variant.name = rendered.size().wire();
                    variant.objectKey = image.level.variantKey(image.ownerId, image.id, variant.name);
                    variant.contentType = rendered.contentType();
                    variant.width = rendered.width();
                    variant.height = rendered.height();
                    variant.size = rendered.bytes().length;
                    variant.createdAt = now;
                    return outbox.guard(variant.objectKey, now.plus(WRITE_GUARD))
                            .invoke(() -> written.add(variant))
                            .chain(() -> storage.put(variant.objectKey, variant.contentType, rendered.bytes(), rendered.bytes().length));
                })
                .collect().last()
                .replaceWith(written);
    }

    /** Records the variants if the image row still points at the original that was rendered. */
    private Uni<Void> record(Image image, VariantRenderer.Rendition rendition, List<ImageVariant> variants) {
        Set<String> keys = variants.stream().map(variant -> variant.objectKey).collect(Collectors.toSet());
        return database.transaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select object_key from image where id = :id for update", String.class)
                        .setParameter("id", image.id).getSingleResultOrNull())
                .chain(currentKey -> {
                    if (currentKey == null || !currentKey.equals(image.objectKey)) {
                        throw new ImageMoved();
                    }
                    // Variants of an earlier run: the same keys are overwritten in place, any other is to go.
                    return ImageVariants.of(image.id)
                            .call(previous -> Multi.createFrom().iterable(previous)
                                    .onItem().transformToUniAndConcatenate(old -> old.delete().chain(() -> keys.contains(old.objectKey)
                                            ? Uni.createFrom().voidItem()
                                            : DeletionOutbox.enqueue(old.objectKey, Timestamps.now()).replaceWithVoid()))
                                    .collect().last())
                            .call(() -> Panache.getSession().chain(session -> session.flush()))
                            .chain(() -> Multi.createFrom().iterable(variants)
                                    .onItem().transformToUniAndConcatenate(variant -> variant.persist()
                                            .chain(() -> DeletionOutbox.dropGuards(variant.objectKey)))
                                    .collect().last())
                            .chain(() -> Image.update("placeholderBlurhash = ?1, placeholderColor = ?2 where id = ?3",
                                    rendition.placeholder().blurhash(), rendition.placeholder().color(), image.id))
                            .chain(() -> Panache.getSession().chain(session -> session
                                    .createNativeQuery("delete from variant_work where image_id = :id")
                                    .setParameter("id", image.id).executeUpdate()));
                })).replaceWithVoid();
    }
}
