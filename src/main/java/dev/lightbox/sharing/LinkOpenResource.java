package dev.lightbox.sharing;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.lightbox.admin.AuditLog;
import dev.lightbox.auth.AbuseLimits;
import dev.lightbox.security.ClientAddress;
import dev.lightbox.security.CurrentUser;
import dev.lightbox.sharing.SharingRequests.OpenRequest;
import dev.lightbox.sharing.SharingRequests.OpenedLink;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Opening a share link: no account needed, rate limited per client address, every attempt audited. */
@Path("/api/links")
@Tag(name = "Sharing", description = "Read access for chosen users and groups, and revocable links")
public class LinkOpenResource {

    private final ShareLinks links;
    private final AbuseLimits limits;
    private final ClientAddress clientAddress;
    private final AuditLog audit;
    private final CurrentUser currentUser;

    public LinkOpenResource(ShareLinks links, AbuseLimits limits, ClientAddress clientAddress, AuditLog audit,
            CurrentUser currentUser) {
        this.links = links;
        this.limits = limits;
        this.clientAddress = clientAddress;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/open")
    @Operation(operationId = "openShareLink", summary = "Open a share link: the image and a content URL that works for under a minute")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "secret",
            value = "{\"secret\":\"C2999i5MHhjmGhy0zcLf-rIF3vVplM8tV9j4p5R6GbJ8Qw3nE1xYkLzQmW0aTcUv\"}")))
    @APIResponse(responseCode = "200", description = "The image; its url expires within lightbox.sharing.link-url-ttl",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenedLink.class), examples = @ExampleObject(name = "opened",
                    value = "{\"image\":{\"id\":\"1f7a5f0e-3d2c-4b8a-9e61-5c4d3b2a1f00\",\"level\":\"private\",\"status\":\"ready\","
                            + "\"filename\":\"xray.png\",\"contentType\":\"image/png\",\"size\":48213,\"width\":800,\"height\":600,"
                            + "\"url\":\"https://bucket.s3.amazonaws.com/private/...&X-Amz-Expires=45\","
                            + "\"urlExpiresAt\":\"2026-12-01T09:30:45Z\"},"
                            + "\"linkExpiresAt\":\"2026-12-02T09:30:00Z\",\"opensLeft\":9}")))
    @APIResponse(responseCode = "404", description = "link.not_found: unknown, expired, used up or revoked (one answer for all)")
    @APIResponse(responseCode = "429", description = "request.rate_limited: too many opens from this address")
    public Uni<OpenedLink> open(@Valid @NotNull OpenRequest request, @Context HttpServerRequest http) {
        String address = clientAddress.of(http);
        limits.check(AbuseLimits.Action.LINK_OPEN, null, address);
        UUID linkId = ShareLinks.linkIdOf(request.secret());
        String actor = currentUser.isGuest() ? "guest@" + address : currentUser.id();
        return audit.record(actor, "link.open", linkId == null ? "link:malformed" : "link:" + linkId, links.open(request.secret()));
    }
}
