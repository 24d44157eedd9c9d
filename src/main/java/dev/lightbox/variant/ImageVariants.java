package dev.lightbox.variant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reading variant rows within the caller's session, for views, moves and deletes. */
public final class ImageVariants {

    private ImageVariants() {
    }

    /** The variants of each of the images, by image id (images without variants are absent). */
    public static Uni<Map<UUID, List<ImageVariant>>> of(Collection<UUID> imageIds) {
        if (imageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ImageVariant.<ImageVariant>list("imageId in ?1 order by width desc, name", imageIds).map(variants -> {
            Map<UUID, List<ImageVariant>> byImage = new HashMap<>();
            for (ImageVariant variant : variants) {
                byImage.computeIfAbsent(variant.imageId, id -> new ArrayList<>()).add(variant);
            }
            return byImage;
        });
    }

    public static Uni<List<ImageVariant>> of(UUID imageId) {
        return of(List.of(imageId)).map(byImage -> byImage.getOrDefault(imageId, List.of()));
    }

    /**
     * Within a transaction that is about to delete images: locks their rows (a worker recording variants locks the row
     * too, so none can be added unseen), then the object keys of their variants, which the delete cascades away.
     */
    public static Uni<List<String>> keysOfLocked(String imageCondition, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var lock = session.createNativeQuery("select cast(id as varchar) from image where " + imageCondition + " for update", String.class);
            parameters.forEach(lock::setParameter);
            return lock.getResultList();
        }).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<String>of())
                : Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select v.objectKey from ImageVariant v where v.imageId in :ids", String.class)
                        .setParameter("ids", ids.stream().map(UUID::fromString).toList()).getResultList()));
    }
}
