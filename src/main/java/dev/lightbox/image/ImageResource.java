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

    private final ImageService images;
    private final CurrentUser currentUser;

    public ImageResource(ImageService images, CurrentUser currentUser) {
        this.images = images;
        this.currentUser = currentUser;
    }

    @GET
    public Uni<ImagePage> list(@QueryParam("level") String level, @QueryParam("owner") String owner,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return images.list(level, owner, limit, cursor, caller());
    }

    @GET
    @Path("/{id}")
    public Uni<ImageView> get(@PathParam("id") String id) {
        return images.get(id, caller());
    }

    @GET
    @Path("/{id}/content")
    public Uni<RestResponse<Void>> content(@PathParam("id") String id) {
        return images.contentUrl(id, caller())
                .map(url -> RestResponse.ResponseBuilder.<Void>create(RestResponse.Status.FOUND)
                        .location(URI.create(url.url())).header("Cache-Control", "private, no-store").build());
    }

    @POST
    @Path("/uploads")
    @Authenticated
    public Uni<RestResponse<UploadTicket>> startUpload(@Valid @NotNull UploadRequest request) {
        return images.startUpload(request, caller())
                .map(ticket -> RestResponse.ResponseBuilder
                        .<UploadTicket>created(URI.create("/api/images/" + ticket.image().id())).entity(ticket).build());
    }

    @POST
    @Path("/{id}/complete")
    @Authenticated
    public Uni<ImageView> complete(@PathParam("id") String id) {
        return images.complete(id, caller());
    }

    @PATCH
    @Path("/{id}")
    @Authenticated
    public Uni<ImageView> update(@PathParam("id") String id, @Valid @NotNull ImagePatch patch) {
        return images.update(id, patch, caller());
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    public Uni<Void> delete(@PathParam("id") String id) {
        return images.delete(id, caller());
    }

    private Caller caller() {
        return Caller.of(currentUser);
    }
}
