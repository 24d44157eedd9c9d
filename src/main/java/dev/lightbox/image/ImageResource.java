package dev.lightbox.image;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import dev.lightbox.image.ImageRequests.ImagePage;
import dev.lightbox.image.ImageRequests.ImagePatch;
import dev.lightbox.image.ImageRequests.UploadRequest;
import dev.lightbox.image.ImageRequests.UploadTicket;
import dev.lightbox.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The image API except {@code POST /api/images}, which streams and is served by {@link ImageUploadRoute}. */
@Path("/api/images")
public class ImageResource {

    private final ImageReads reads;
    private final PresignedUploads uploads;
    private final ImageChanges changes;
    private final ImageDeletions deletions;
    private final CurrentUser currentUser;

    public ImageResource(ImageReads reads, PresignedUploads uploads, ImageChanges changes, ImageDeletions deletions,
            CurrentUser currentUser) {
        this.reads = reads;
        this.uploads = uploads;
        this.changes = changes;
        this.deletions = deletions;
        this.currentUser = currentUser;
    }

    @GET
    public Uni<ImagePage> list(@QueryParam("level") String level, @QueryParam("owner") String owner,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return reads.list(level, owner, limit, cursor, caller());
    }

    @GET
    @Path("/shared-with-me")
    @Authenticated
    @Operation(operationId = "listImagesSharedWithMe",
            summary = "Ready images that grants share with the caller or a group of its token, newest first; for admins, every shared image")
    @APIResponse(responseCode = "200", description = "A page of images")
    @APIResponse(responseCode = "400", description = "request.invalid (level, limit), request.invalid_cursor")
    public Uni<ImagePage> sharedWithMe(@QueryParam("level") String level, @QueryParam("owner") String owner,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return reads.sharedWith(level, owner, limit, cursor, caller());
    }

    @GET
    @Path("/{id}")
    public Uni<ImageView> get(@PathParam("id") String id) {
        return reads.get(id, caller());
    }

    @GET
    @Path("/{id}/content")
    public Uni<RestResponse<Void>> content(@PathParam("id") String id) {
        return reads.contentUrl(id, caller())
                .map(url -> RestResponse.ResponseBuilder.<Void>create(RestResponse.Status.FOUND)
                        .location(URI.create(url.url())).header("Cache-Control", "private, no-store").build());
    }

    @POST
    @Path("/uploads")
    @Authenticated
    public Uni<RestResponse<UploadTicket>> startUpload(@Valid @NotNull UploadRequest request) {
        return uploads.start(request, caller())
                .map(ticket -> RestResponse.ResponseBuilder
                        .<UploadTicket>created(URI.create("/api/images/" + ticket.image().id())).entity(ticket).build());
    }

    @POST
    @Path("/{id}/complete")
    @Authenticated
    public Uni<ImageView> complete(@PathParam("id") String id) {
        return uploads.complete(id, caller());
    }

    @PATCH
    @Path("/{id}")
    @Authenticated
    public Uni<ImageView> update(@PathParam("id") String id, @Valid @NotNull ImagePatch patch) {
        return changes.update(id, patch, caller());
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    public Uni<Void> delete(@PathParam("id") String id) {
        return deletions.delete(id, caller());
    }

    private Caller caller() {
        return Caller.of(currentUser);
    }
}
