package dev.lightbox.image;

import dev.lightbox.security.CurrentUser;

/** Who asks, as far as image access is concerned: a guest (no id), a user, or an admin. */
public record Caller(String id, boolean admin) {

    public static final Caller GUEST = new Caller(null, false);

    public static Caller of(CurrentUser user) {
        return user.isGuest() ? GUEST : new Caller(user.id(), user.isAdmin());
    }

    public boolean isGuest() {
        return id == null;
    }

    /** Pending images are their owner's alone; admins read every ready image; anyone reads public and protected. */
    boolean canSee(Image image) {
        if (image.isOwnedBy(id)) {
            return true;
        }
        return image.status == ImageStatus.READY && (admin || image.level != ImageLevel.PRIVATE);
    }

    boolean canDelete(Image image) {
        return image.isOwnedBy(id) || admin;
    }
}
