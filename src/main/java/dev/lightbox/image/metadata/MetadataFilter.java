package dev.lightbox.image.metadata;

import java.util.Set;

/**
 * Removes metadata from one image as its bytes go by: what {@link #next} and {@link #end} return, in order, is the
 * cleaned image. Image data bytes are passed on verbatim; nothing is decoded. Obtain one from {@link MetadataStripper}.
 */
public interface MetadataFilter {

    /** Filters the next bytes of the image; returns what may be stored so far (possibly nothing). */
    byte[] next(byte[] bytes) throws UnreadableImageException;

    /** The input ended: the rest of the cleaned image; refused when the image was incomplete. */
    byte[] end() throws UnreadableImageException;

    /** What was removed so far (complete once {@link #end} returned). */
    Set<MetadataKind> removed();
}
