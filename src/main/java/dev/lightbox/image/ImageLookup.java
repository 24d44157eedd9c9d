package dev.lightbox.image;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.variant.ImageVariant;
import dev.lightbox.variant.ImageVariants;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** One image as a caller may read it, decided by {@link ImageAccessPolicy#canRead}; within the caller's session. */
@ApplicationScoped
public class ImageLookup {

    static final String WITH_OWNER = "select i, p.username from Image i left join UserProfile p on p.id = i.ownerId ";

    /** An image with its owner's username (null when the owner has none) and its variants. */
    public record Found(Image image, String ownerUsername, List<ImageVariant> variants) {
    }

    /**
     * The image if this caller may read it; otherwise 404, whether it exists or not. Without its variants (most callers
     * need none): add them with {@link #withVariants} to show the image.
     */
    public Uni<Found> readable(String id, Caller caller) {
        UUID uuid = ImageProblems.parseId(id);
        if (uuid == null) {
            return Uni.createFrom().failure(ImageProblems.notFound());
        }
        // The grant check is the policy's own condition, asked of this one row; guests have no grants.
        ImageAccessPolicy.Condition granted = caller.isGuest() ? null : ImageAccessPolicy.granted(caller);
        String hql = granted == null ? WITH_OWNER + "where i.id = :id"
                : "select i, p.username, case when " + granted.hql() + " then true else false end"
                        + " from Image i left join UserProfile p on p.id = i.ownerId where i.id = :id";
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, Object[].class).setParameter("id", uuid);
            if (granted != null) {
                granted.bind(query);
            }
            return query.getSingleResultOrNull();
        }).map(row -> {
            if (row == null) {
                throw ImageProblems.notFound();
            }
            Image image = (Image) row[0];
            boolean isGranted = granted != null && Boolean.TRUE.equals(row[2]);
            if (!ImageAccessPolicy.canRead(caller, image, isGranted)) {
                throw ImageProblems.notFound();
            }
            return new Found(image, (String) row[1], List.<ImageVariant>of());
        });
    }

    /** The image with its owner's username and variants, for access that is not a caller's (a share link); null when absent. */
    public Uni<Found> any(UUID id) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(WITH_OWNER + "where i.id = :id", Object[].class)
                        .setParameter("id", id).getSingleResultOrNull())
                .map(row -> row == null ? null : new Found((Image) row[0], (String) row[1], List.<ImageVariant>of()))
                .chain(found -> found == null ? Uni.createFrom().nullItem() : withVariants(found));
    }

    /** The found image with its variants (a ready image's; a pending one has none), within the caller's session. */
    public static Uni<Found> withVariants(Found found) {
        if (found.image().status != ImageStatus.READY) {
            return Uni.createFrom().item(found);
        }
        return ImageVariants.of(found.image().id).map(variants -> new Found(found.image(), found.ownerUsername(), variants));
    }

    /** Whether the image is among those {@link ImageAccessPolicy#readable} lets a list show this caller. */
    Uni<Boolean> listable(UUID id, Caller caller) {
        ImageAccessPolicy.Condition readable = ImageAccessPolicy.readable(caller);
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery("select count(i) from Image i where i.id = :id and " + readable.hql(), Long.class)
                    .setParameter("id", id);
            readable.bind(query);
            return query.getSingleResult();
        }).map(count -> count > 0);
    }
}
