package dev.lightbox.image;

import java.util.HashMap;
import java.util.Map;

import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Who may do what with an image, written once. {@link #canRead} decides for one image; {@link #readable} says the
 * same as an HQL condition for lists, and {@link #sharedWith} picks the shared subset of it. ImageAccessMatrixTest
 * checks on every row of the access matrix that the decision and the condition agree.
 * <p>
 * Pending images are their owner's alone. A ready image is read by anyone when public or protected, and when private
 * by its owner, admins, and the users a grant covers: one naming the user, or one naming a group in the
 * {@code cognito:groups} of the caller's current token (so leaving the group ends the access with the next token).
 * Grants give read access only: changing stays with the owner, deleting with the owner and admins. Share links are
 * not callers: a link opens its image while the link is live (see {@code ShareLinks}) and the image is ready.
 */
public final class ImageAccessPolicy {

    private ImageAccessPolicy() {
    }

    /** An HQL condition on {@code Image i}, with the parameters it names. */
    public record Condition(String hql, Map<String, Object> parameters) {

        Condition and(String more, Map<String, Object> moreParameters) {
            Map<String, Object> all = new HashMap<>(parameters);
            all.putAll(moreParameters);
            return new Condition(hql + " and " + more, all);
        }

        public void bind(Mutiny.SelectionQuery<?> query) {
            parameters.forEach(query::setParameter);
        }
    }

    /** {@code granted}: one of the caller's grants covers the image ({@link #granted} in a query). */
    public static boolean canRead(Caller caller, Image image, boolean granted) {
        if (image.isOwnedBy(caller.id())) {
            return true;
        }
        return image.status == ImageStatus.READY && (image.level != ImageLevel.PRIVATE || caller.admin() || granted);
    }

    /** Through a live share link (the link's own rule is {@code ShareLinks}'), anyone reads a ready image. */
    public static boolean canReadThroughLink(Image image) {
        return image.status == ImageStatus.READY;
    }

    public static boolean canChange(Caller caller, Image image) {
        return image.isOwnedBy(caller.id());
    }

    public static boolean canDelete(Caller caller, Image image) {
        return image.isOwnedBy(caller.id()) || caller.admin();
    }

    /** Seeing an image's grants and links, and withdrawing them: whoever may delete the image. */
    public static boolean canManageShares(Caller caller, Image image) {
        return canDelete(caller, image);
    }

    /** {@link #canRead} as a condition. */
    public static Condition readable(Caller caller) {
        if (caller.isGuest()) {
            return new Condition("(i.status = :ready and i.level <> :private)",
                    Map.of("ready", ImageStatus.READY, "private", ImageLevel.PRIVATE));
        }
        if (caller.admin()) {
            return new Condition("(i.ownerId = :me or i.status = :ready)", Map.of("me", caller.id(), "ready", ImageStatus.READY));
        }
        Condition granted = granted(caller);
        Map<String, Object> parameters = new HashMap<>(granted.parameters());
        parameters.put("ready", ImageStatus.READY);
        parameters.put("private", ImageLevel.PRIVATE);
        return new Condition("(i.ownerId = :me or (i.status = :ready and (i.level <> :private or " + granted.hql() + ")))",
                parameters);
    }

    /**
     * Ready images that grants share with the caller and that it does not own, newest first like every list; for an
     * admin, every image that has a grant. Always within {@link #readable}.
     */
    public static Condition sharedWith(Caller caller) {
        if (caller.admin()) {
            return new Condition("(i.status = :ready and exists (select 1 from ImageGrant g where g.imageId = i.id))",
                    Map.of("ready", ImageStatus.READY));
        }
        Condition granted = granted(caller);
        Map<String, Object> parameters = new HashMap<>(granted.parameters());
        parameters.put("ready", ImageStatus.READY);
        return new Condition("(i.status = :ready and i.ownerId <> :me and " + granted.hql() + ")", parameters);
    }

    /** Whether a grant to the signed-in caller, or to a group of its current token, covers {@code Image i}. */
    static Condition granted(Caller caller) {
        if (caller.groups().isEmpty()) {
            return new Condition("exists (select 1 from ImageGrant g where g.imageId = i.id and g.granteeUserId = :me)",
                    Map.of("me", caller.id()));
        }
        return new Condition("exists (select 1 from ImageGrant g where g.imageId = i.id"
                + " and (g.granteeUserId = :me or g.granteeGroup in :groups))", Map.of("me", caller.id(), "groups", caller.groups()));
    }
}
