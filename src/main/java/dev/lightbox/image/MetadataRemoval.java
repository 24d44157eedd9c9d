package dev.lightbox.image;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.metadata.MetadataStripper;
import dev.lightbox.image.metadata.UnreadableImageException;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.storage.ObjectStorage;

/**
 * Whether this deployment stores images without their metadata ({@code lightbox.images.strip-metadata}), and the one
 * place both upload paths get their cleaning from, so that no stored object skips it.
 */
@ApplicationScoped
public class MetadataRemoval {

    private final boolean enabled;
    private final ObjectStorage storage;

    public MetadataRemoval(ImageConfig config, ObjectStorage storage) {
        this.enabled = config.stripMetadata();
        this.storage = storage;
    }

    boolean enabled() {
        return enabled;
    }

    /** A writer of a streamed image to {@code key} that cleans it on the way when stripping is on. */
    CleanedImageWriter streamTo(String key, String contentType) {
        return new CleanedImageWriter(storage.streamTo(key, contentType), contentType,
                enabled ? MetadataStripper.filterFor(contentType) : null);
    }

    /** The whole image cleaned; 422 when it is not a complete image of its type. */
    MetadataStripper.Stripped strip(byte[] image, String contentType) {
        try {
            return MetadataStripper.strip(image, contentType);
        } catch (UnreadableImageException unreadable) {
            throw incomplete(contentType);
        }
    }

    static ProblemException incomplete(String contentType) {
        return ImageProblems.contentMismatch("The file is not a complete " + contentType + " image.");
    }
}
