package dev.lightbox.image;

import java.util.UUID;

import dev.lightbox.problem.ProblemException;

/** The image API's answers to what a client sent, shared by its operations. */
public final class ImageProblems {

    private ImageProblems() {
    }

    public static ProblemException notFound() {
        return ProblemException.notFound("image.not_found", "There is no such image, or you may not see it.");
    }

    static ProblemException unsupportedType() {
        return new ProblemException(415, "image.unsupported_type", "Only JPEG, PNG, GIF and WebP images are accepted.");
    }

    static ProblemException tooLarge() {
        return new ProblemException(413, "image.too_large", "The image is larger than this service accepts.");
    }

    static ProblemException contentMismatch(String detail) {
        return new ProblemException(422, "image.content_mismatch", detail);
    }

    static ProblemException tooManyPixels(long maxPixels) {
        return new ProblemException(422, "image.too_many_pixels",
                "The image declares more pixels than this service accepts (at most " + maxPixels + ").");
    }

    static ProblemException notOwner(String action) {
        return ProblemException.forbidden("image.not_owner", "Only the owner can " + action + ".");
    }

    static ImageLevel parseLevel(String field, String value) {
        ImageLevel level = ImageLevel.parse(value);
        if (level == null) {
            throw ProblemException.invalidField(field, "must be one of public, protected, private");
        }
        return level;
    }

    /** The id, or null when it cannot be one (answered like an absent image). */
    public static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
