package dev.lightbox.user;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import dev.lightbox.security.CurrentUser;
import io.quarkus.security.Authenticated;

@Path("/api/users")
public class UserResource {

    private final CurrentUser currentUser;

    public UserResource(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    /** The caller's profile; for now only what the token says. */
    @GET
    @Path("/me")
    @Authenticated
    public Profile me() {
        return new Profile(currentUser.id(), List.copyOf(currentUser.groups()));
    }

    public record Profile(String id, List<String> groups) {
    }
}
