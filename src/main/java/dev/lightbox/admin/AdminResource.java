package dev.lightbox.admin;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import dev.lightbox.admin.AdminService.Group;
import dev.lightbox.admin.AdminService.Invitation;
import dev.lightbox.admin.AdminService.Page;
import dev.lightbox.admin.AdminService.UserQuery;
import dev.lightbox.config.LightboxConfig;
import dev.lightbox.problem.Problem;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.quota.QuotaReport;
import dev.lightbox.security.CurrentUser;
import dev.lightbox.security.MachineClientIdentity;
import dev.lightbox.user.UserView;
import io.smallrye.mutiny.Uni;

/**
 * The contract's /api/admin endpoints: members of the admin group only; every action is audited. The reads also
 * accept machine clients granted the admin-read scope (lightbox.machine-clients.*).
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${lightbox.admin-group}")
public class AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResource.class);
    private static final String STATUSES =
            "^(UNCONFIRMED|CONFIRMED|ARCHIVED|COMPROMISED|UNKNOWN|RESET_REQUIRED|FORCE_CHANGE_PASSWORD|EXTERNAL_PROVIDER)$";
    /** Who may read users and groups: admins, and machine clients with the admin-read scope. */
    private static final String ADMIN_GROUP = "${lightbox.admin-group}";
    private static final String ADMIN_READ_SCOPE = MachineClientIdentity.SCOPE_ROLE_PREFIX
            + "${lightbox.machine-clients.admin-read-scope}";
    private static final String GROUP_NAME = "^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$";

    private final AdminService admin;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final String adminGroup;

    public AdminResource(AdminService admin, AuditLog audit, CurrentUser currentUser, LightboxConfig config) {
        this.admin = admin;
        this.audit = audit;
        this.currentUser = currentUser;
        this.adminGroup = config.adminGroup();
    }

    public record InviteRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(min = 1, max = 100) String name,
            @Size(max = 10) List<@NotBlank @Pattern(regexp = GROUP_NAME, message = "is not a group name") String> groups) {
    }

    public record Items<T>(List<T> items) {
    }

    /** A user's own limits; a field left out keeps its current value. */
    public record QuotaChange(@Min(0) Long maxBytes, @Min(0) Integer maxImages) {
    }

    @GET
    @RolesAllowed({ ADMIN_GROUP, ADMIN_READ_SCOPE })
    @Path("/users")
    public Uni<Page<UserView>> list(
            @QueryParam("status") @Pattern(regexp = STATUSES, message = "is not a Cognito account status") String status,
            @QueryParam("group") @Pattern(regexp = GROUP_NAME, message = "is not a group name") String group,
            @QueryParam("email") @Size(min = 1, max = 254) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String email,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") @Size(max = 4096) String cursor) {
        if (Stream.of(status, group, email).filter(filter -> filter != null).count() > 1) {
            throw ProblemException.invalid("Filter by one of status, group or email at a time.",
                    List.of(new Problem.FieldError("status", "only one of status, group, email")));
        }
        return audit.record(currentUser.id(), "user.list", new UserQuery(status, group, email).key(),
                admin.list(new UserQuery(status, group, email), limit, cursor));
    }

    @GET
    @RolesAllowed({ ADMIN_GROUP, ADMIN_READ_SCOPE })
    @Path("/users/{id}")
    public Uni<UserView> get(@PathParam("id") String id) {
        return audit.record(currentUser.id(), "user.get", id, admin.get(id));
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<UserView>> invite(@NotNull @Valid InviteRequest request) {
        return audit.record(currentUser.id(), "user.invite", request.email(),
                admin.invite(new Invitation(request.email(), request.name(), request.groups()))
                        .map(user -> RestResponse.ResponseBuilder
                                .<UserView>created(URI.create("/api/admin/users/" + user.id())).entity(user).build()));
    }

    @PUT
    @Path("/users/{id}/groups/{group}")
    public Uni<Void> addToGroup(@PathParam("id") String id, @PathParam("group") String group) {
        return audit.record(currentUser.id(), "group.add:" + group, id, admin.addToGroup(id, group));
    }

    @DELETE
    @Path("/users/{id}/groups/{group}")
    public Uni<Void> removeFromGroup(@PathParam("id") String id, @PathParam("group") String group) {
        Uni<Void> work = id.equals(currentUser.id()) && group.equals(adminGroup)
                ? Uni.createFrom().failure(AdminService.selfAction("remove from the admin group"))
                : admin.removeFromGroup(id, group);
        return audit.record(currentUser.id(), "group.remove:" + group, id, work);
    }

    @POST
    @Path("/users/{id}/disable")
    public Uni<Void> disable(@PathParam("id") String id) {
        Uni<Void> work = id.equals(currentUser.id()) ? Uni.createFrom().failure(AdminService.selfAction("disable"))
                : admin.disable(id);
        return audit.record(currentUser.id(), "user.disable", id, work);
    }

    @POST
    @Path("/users/{id}/enable")
    public Uni<Void> enable(@PathParam("id") String id) {
        return audit.record(currentUser.id(), "user.enable", id, admin.enable(id));
    }

    @POST
    @Path("/users/{id}/reset-password")
    @ResponseStatus(202)
    public Uni<Void> resetPassword(@PathParam("id") String id) {
        return audit.record(currentUser.id(), "user.reset_password", id, admin.resetPassword(id));
    }

    /** 204: the user signs in with the password alone until it sets up an authenticator app again (a lost phone). */
    @POST
    @Path("/users/{id}/reset-mfa")
    public Uni<Void> resetMfa(@PathParam("id") String id) {
        return audit.record(currentUser.id(), "user.reset_mfa", id, admin.resetMfa(id));
    }

    /** 200 with the user's usage and limits after the change. */
    @PUT
    @Path("/users/{id}/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<QuotaReport> setQuota(@PathParam("id") String id, @NotNull @Valid QuotaChange change) {
        return audit.record(currentUser.id(), "user.quota", id, admin.setQuota(id, change.maxBytes(), change.maxImages()));
    }

    /** 204; the audit line's target is the user, and the log says how many images went with it. */
    @DELETE
    @Path("/users/{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        Uni<Void> work = id.equals(currentUser.id()) ? Uni.createFrom().failure(AdminService.selfAction("delete"))
                : admin.delete(id).invoke(images -> LOG.infof("Deleted user %s with %d images", id, images)).replaceWithVoid();
        return audit.record(currentUser.id(), "user.delete", id, work);
    }

    @GET
    @RolesAllowed({ ADMIN_GROUP, ADMIN_READ_SCOPE })
    @Path("/groups")
    public Uni<Items<Group>> groups() {
        return audit.record(currentUser.id(), "group.list", "-", admin.groups().map(Items::new));
    }
}
