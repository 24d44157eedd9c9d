package dev.lightbox.sharing;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.Caller;
import dev.lightbox.image.Image;
import dev.lightbox.image.ImageAccessPolicy;
import dev.lightbox.image.ImageLookup;
import dev.lightbox.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The image whose grants and links a caller works with, within the caller's session: 404 when the caller may not read
 * it (whether it exists or not), 403 when it may read it but not share it or see its shares.
 */
@ApplicationScoped
public class ShareableImages {

    private final ImageLookup lookup;

    public ShareableImages(ImageLookup lookup) {
        this.lookup = lookup;
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

    static ProblemException shareNotFound() {
        return ProblemException.notFound("share.not_found", "There is no such share of this image.");
    }
}
