package dev.lightbox.image.metadata;

/** The bytes are not a complete image of the expected format (truncated, or corrupt where the stripper had to read). */
public final class UnreadableImageException extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableImageException(String message) {
        super(message, null, false, false);
    }
}
