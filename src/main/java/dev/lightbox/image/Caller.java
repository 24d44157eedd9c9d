package dev.lightbox.image;

import java.util.Set;

import dev.lightbox.security.CurrentUser;

/**
 * Who asks, as far as image access is concerned: a guest (no id), or a user with the groups of its current token, who
 * may be an admin. What each may do is {@link ImageAccessPolicy}'s to say.
 */
public record Caller(String id, boolean admin, Set<String> groups) {

    public static final Caller GUEST = new Caller(null, false, Set.of());

    public static Caller of(CurrentUser user) {
        return user.isGuest() ? GUEST : new Caller(user.id(), user.isAdmin(), Set.copyOf(user.groups()));
    }

    public boolean isGuest() {
        return id == null;
    }
}
