package dev.lightbox.user;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.quota.Quotas;
import dev.lightbox.security.CurrentUser;
import dev.lightbox.user.UserService.PublicProfile;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;
    private final CurrentUser currentUser;
    private final Quotas quotas;

    public UserResource(UserService users, CurrentUser currentUser, Quotas quotas) {
        this.users = users;
        this.currentUser = currentUser;
        this.quotas = quotas;
    }

    public record NameChange(@NotBlank @Size(max = 100) String name) {
    }

    public record UsernameChoice(
            @NotNull @Pattern(regexp = UserService.USERNAME_PATTERN, message = "must be 3 to 30 letters, digits or _") String username) {
    }

    @GET
    @Path("/me")
    @Authenticated
    public Uni<UserView> me() {
        return users.view(Operation.USER, currentUser.id(), currentUser.cognitoUsername())
                .flatMap(user -> quotas.report(currentUser.id()).map(user::with));
    }

    @PATCH
    @Path("/me")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<UserView> rename(@NotNull @Valid NameChange change) {
        return users.rename(currentUser.id(), currentUser.cognitoUsername(), change.name());
    }

    @PUT
    @Path("/me/username")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<UserView> claimUsername(@NotNull @Valid UsernameChoice choice) {
        return users.claimUsername(currentUser.id(), currentUser.cognitoUsername(), choice.username());
    }

    @GET
    @Path("/{username}")
    @PermitAll
    public Uni<PublicProfile> publicProfile(@PathParam("username") String username) {
        return users.publicProfile(username);
    }
}
