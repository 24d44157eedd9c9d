package dev.lightbox.sharing;

import java.net.URI;

import jakarta.validation.Valid;
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
import dev.lightbox.sharing.SharingRequests.CreatedLink;
import dev.lightbox.sharing.SharingRequests.LinkPage;
import dev.lightbox.sharing.SharingRequests.LinkRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** An image's share links, for its owner (and admins); creating and revoking are audited. */
@Path("/api/images/{id}/links")
@Authenticated
@Tag(name = "Sharing", description = "Read access for chosen users and groups, and revocable links")
public class ShareLinkResource {

    private final ShareLinks links;
    private final AuditLog audit;
    private final CurrentUser currentUser;

    public ShareLinkResource(ShareLinks links, AuditLog audit, CurrentUser currentUser) {
        this.links = links;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @GET
    @Operation(operationId = "listShareLinks", summary = "The image's links, newest first, with their status (owner or admin); never their secrets")
    @APIResponse(responseCode = "200", description = "A page of links")
    @APIResponse(responseCode = "403", description = "image.not_owner")
    @APIResponse(responseCode = "404", description = "image.not_found")
    public Uni<LinkPage> list(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return links.list(id, limit, cursor, caller());
    }

    @POST
    @Operation(operationId = "createShareLink", summary = "Create a link that opens the image without an account (owner only)")
    @RequestBody(required = false, content = @Content(examples = @ExampleObject(name = "a day, ten opens",
            value = "{\"expiresInSeconds\":86400,\"maxOpens\":10}")))
    @APIResponse(responseCode = "201", description = "The link and its secret, shown this once",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreatedLink.class), examples = @ExampleObject(name = "created",
                    value = "{\"link\":{\"id\":\"0b6f7d2e-4c1a-4e8b-9f3d-2a1b0c9d8e7f\",\"imageId\":\"1f7a5f0e-3d2c-4b8a-9e61-5c4d3b2a1f00\","
                            + "\"createdAt\":\"2026-12-01T09:30:00Z\",\"expiresAt\":\"2026-12-02T09:30:00Z\",\"maxOpens\":10,"
                            + "\"opens\":0,\"status\":\"active\"},"
                            + "\"secret\":\"C2999i5MHhjmGhy0zcLf-rIF3vVplM8tV9j4p5R6GbJ8Qw3nE1xYkLzQmW0aTcUv\"}")))
    @APIResponse(responseCode = "400", description = "request.invalid: expiresInSeconds over the maximum, maxOpens not positive")
    @APIResponse(responseCode = "403", description = "image.not_owner")
    @APIResponse(responseCode = "404", description = "image.not_found")
    public Uni<RestResponse<CreatedLink>> create(@PathParam("id") String id, @Valid LinkRequest request) {
        LinkRequest options = request == null ? new LinkRequest(null, null) : request;
        return audit.record(currentUser.id(), "link.create", "image:" + id, links.create(id, options, caller()))
                .map(created -> RestResponse.ResponseBuilder
                        .<CreatedLink>created(URI.create("/api/images/" + id + "/links/" + created.link().id())).entity(created).build());
    }

    @DELETE
    @Path("/{linkId}")
    @Operation(operationId = "revokeShareLink", summary = "Revoke a link: it stops opening at once (owner or admin)")
    @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
    @APIResponse(responseCode = "403", description = "image.not_owner")
    @APIResponse(responseCode = "404", description = "image.not_found, share.not_found")
    public Uni<Void> revoke(@PathParam("id") String id, @PathParam("linkId") String linkId) {
        return audit.record(currentUser.id(), "link.revoke", "image:" + id + " link:" + linkId, links.revoke(id, linkId, caller()));
    }

    private Caller caller() {
        return Caller.of(currentUser);
    }
}
