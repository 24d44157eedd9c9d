package dev.lightbox.sharing;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.lightbox.admin.AuditLog;
import dev.lightbox.image.Caller;
import dev.lightbox.security.CurrentUser;
import dev.lightbox.sharing.SharingRequests.GrantPage;
import dev.lightbox.sharing.SharingRequests.GrantRequest;
import dev.lightbox.sharing.SharingRequests.GrantView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Read access to one image for chosen users and groups; granting and withdrawing are audited. */
@Path("/api/images/{id}/grants")
@Authenticated
@Tag(name = "Sharing", description = "Read access for chosen users and groups, and revocable links")
public class ImageGrantResource {

    private final ImageGrants grants;
    private final AuditLog audit;
    private final CurrentUser currentUser;

    public ImageGrantResource(ImageGrants grants, AuditLog audit, CurrentUser currentUser) {
        this.grants = grants;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @GET
    @Operation(operationId = "listImageGrants", summary = "The image's grants, newest first (owner or admin)")
    @APIResponse(responseCode = "200", description = "A page of grants")
    @APIResponse(responseCode = "403", description = "image.not_owner: the caller may see the image but not its shares")
    @APIResponse(responseCode = "404", description = "image.not_found: absent, or not visible to the caller")
    public Uni<GrantPage> list(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return grants.list(id, limit, cursor, caller());
    }

    @POST
    @Operation(operationId = "grantImage", summary = "Share the image with a user (username or id) or a Cognito group (owner only)")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "user", value = "{\"user\":\"dr_jones\"}"),
            @ExampleObject(name = "group", value = "{\"group\":\"Doctor\"}") }))
    @APIResponse(responseCode = "201", description = "The grant", content = @Content(mediaType = "application/json", schema = @Schema(implementation = GrantView.class),
            examples = @ExampleObject(name = "user", value = "{\"id\":\"6b0c2b4e-6c1d-4f43-9a56-0d7a2f0f6c11\","
                    + "\"imageId\":\"1f7a5f0e-3d2c-4b8a-9e61-5c4d3b2a1f00\",\"userId\":\"2d9c8b7a-1e2f-4a3b-8c4d-5e6f7a8b9c0d\","
                    + "\"username\":\"dr_jones\",\"grantedBy\":\"8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d\","
                    + "\"createdAt\":\"2026-12-01T09:30:00Z\"}")))
    @APIResponse(responseCode = "400", description = "request.invalid (not exactly one of user and group), share.to_owner")
    @APIResponse(responseCode = "403", description = "image.not_owner")
    @APIResponse(responseCode = "404", description = "image.not_found, user.not_found, group.not_found")
    @APIResponse(responseCode = "409", description = "share.exists: already shared with that user or group")
    public Uni<RestResponse<GrantView>> grant(@PathParam("id") String id, @Valid @NotNull GrantRequest request) {
        String target = "image:" + id + (request.group() != null ? " group:" + request.group() : " user:" + request.user());
        return audit.record(currentUser.id(), "share.grant", target, grants.grant(id, request, caller()))
                .map(grant -> RestResponse.ResponseBuilder.<GrantView>created(URI.create("/api/images/" + id + "/grants/" + grant.id()))
                        .entity(grant).build());
    }

    @DELETE
    @Path("/{grantId}")
    @Operation(operationId = "withdrawImageGrant", summary = "Withdraw a grant (owner or admin)")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "403", description = "image.not_owner")
    @APIResponse(responseCode = "404", description = "image.not_found, share.not_found")
    public Uni<Void> withdraw(@PathParam("id") String id, @PathParam("grantId") String grantId) {
        return audit.record(currentUser.id(), "share.withdraw", "image:" + id + " grant:" + grantId, grants.withdraw(id, grantId, caller()));
    }

    private Caller caller() {
        return Caller.of(currentUser);
    }
}
