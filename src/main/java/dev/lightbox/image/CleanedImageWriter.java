package dev.lightbox.image;

import dev.lightbox.image.metadata.MetadataFilter;
import dev.lightbox.image.metadata.UnreadableImageException;
import dev.lightbox.storage.StreamingObjectWriter;
import io.smallrye.mutiny.Uni;

/**
 * A streamed image on its way to storage through its metadata filter (none when stripping is off): only cleaned bytes
 * are ever sent. JPEG and PNG are cleaned as they arrive; WebP and GIF are held by their filter until the end.
 */
final class CleanedImageWriter {

    private final StreamingObjectWriter writer;
    private final String contentType;
    private final MetadataFilter filter;
    private long storedBytes;

    CleanedImageWriter(StreamingObjectWriter writer, String contentType, MetadataFilter filter) {
        this.writer = writer;
        this.contentType = contentType;
        this.filter = filter;
    }

    /** Adds bytes of the image; fails with 422 when they show it is not a readable image of its type. */
    Uni<Void> write(byte[] bytes) {
        try {
            return send(filter == null ? bytes : filter.next(bytes));
        } catch (UnreadableImageException unreadable) {
            return Uni.createFrom().failure(MetadataRemoval.incomplete(contentType));
        }
    }

    /** Writes what is left; the object exists once this completes. 422 when the image was incomplete. */
    Uni<Void> finish() {
        try {
            return (filter == null ? Uni.createFrom().voidItem() : send(filter.end())).chain(writer::finish);
        } catch (UnreadableImageException unreadable) {
            return Uni.createFrom().failure(MetadataRemoval.incomplete(contentType));
        }
    }

    Uni<Void> abort() {
        return writer.abort();
    }

    /** Gives the image the stored object's size and what stripping removed. */
    void recordIn(Image image) {
        image.size = storedBytes;
        if (filter != null) {
            image.recordRemoved(filter.removed());
        }
    }

    private Uni<Void> send(byte[] bytes) {
        storedBytes += bytes.length;
        return writer.write(bytes);
    }
}
