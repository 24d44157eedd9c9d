package dev.lightbox.sharing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.Caller;
import dev.lightbox.image.Image;
import dev.lightbox.image.ImageAccessPolicy;
import dev.lightbox.image.ImageLookup;
import dev.lightbox.image.ImageProblems;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The image whose grants and links a caller works with, within the caller's session: 404 when the caller may not read
 * it (whether it exists or not), 403 when it may read it but not share it or see its shares.
 */
@ApplicationScoped
public class ShareableImages {

    private final ImageLookup lookup;
    private final Database database;

    public ShareableImages(ImageLookup lookup, Database database) {
        this.lookup = lookup;
        this.database = database;
    }

    /** Only the owner shares an image. */
    Uni<Image> toShare(String imageId, Caller caller) {
        return lookup.readable(imageId, caller).map(found -> {
            if (!ImageAccessPolicy.canChange(caller, found.image())) {
                throw ProblemException.forbidden("image.not_owner", "Only the image's owner can share it.");
            }
            return found.image();
        });
    }

    /** The owner and admins see an image's shares and withdraw them. */
    Uni<Image> toManage(String imageId, Caller caller) {
        return lookup.readable(imageId, caller).map(found -> {
            if (!ImageAccessPolicy.canManageShares(caller, found.image())) {
                throw ProblemException.forbidden("image.not_owner", "Only the image's owner or an admin can see its shares.");
            }
            return found.image();
        });
    }

    /**
     * Runs {@code sql} (one statement: $1 the share's id, $2 its image's) on one grant or link of an image the caller
     * manages; 404 {@code share.not_found} when it matches none, as for a share of another image.
     */
    Uni<Void> changeOne(String imageId, String shareId, Caller caller, String sql) {
        UUID id = ImageProblems.parseId(shareId);
        return database.session(() -> toManage(imageId, caller))
                .chain(image -> id == null ? Uni.createFrom().failure(shareNotFound()) : database.execute(sql, Tuple.of(id, image.id)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw shareNotFound();
                    }
                    return null;
                });
    }

    static ProblemException shareNotFound() {
        return ProblemException.notFound("share.not_found", "There is no such share of this image.");
    }
}
