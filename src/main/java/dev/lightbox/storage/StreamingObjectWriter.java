package dev.lightbox.storage;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes an object whose length is not known in advance while holding at most one part in memory: a file that fits
 * in one part becomes a single PUT of known length; a larger one becomes an S3 multipart upload whose parts are
 * sent one at a time. The caller waits for {@link #write} before feeding more, which is the backpressure.
 */
public final class StreamingObjectWriter {

    /** S3's smallest part (but the last). */
    public static final int PART_BYTES = 5 * 1024 * 1024;

    private final ObjectStorage storage;
    private final String key;
    private final String contentType;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] part = new byte[PART_BYTES];
    private int partLength;
    private String uploadId;

    StreamingObjectWriter(ObjectStorage storage, String key, String contentType) {
        this.storage = storage;
        this.key = key;
        this.contentType = contentType;
    }

    /** Adds bytes; completes once they are buffered or, when a part filled up, sent. */
    public Uni<Void> write(byte[] bytes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        int offset = 0;
        while (offset < bytes.length) {
            int count = Math.min(bytes.length - offset, PART_BYTES - partLength);
            System.arraycopy(bytes, offset, part, partLength, count);
            partLength += count;
            offset += count;
            if (partLength == PART_BYTES) {
                byte[] full = part;
                part = new byte[PART_BYTES];
                partLength = 0;
                chain = chain.chain(() -> sendPart(full, PART_BYTES));
            }
        }
        return chain;
    }

    /** Writes what is left; the object exists once this completes. */
    public Uni<Void> finish() {
        if (uploadId == null) {
            return storage.put(key, contentType, part, partLength);
        }
        Uni<Void> last = partLength > 0 ? sendPart(part, partLength) : Uni.createFrom().voidItem();
        return last.chain(() -> storage.completeMultipart(key, uploadId, parts));
    }

    /** Leaves nothing behind: an unfinished multipart upload is aborted (its parts are dropped). */
    public Uni<Void> abort() {
        part = null;
        return uploadId == null ? Uni.createFrom().voidItem() : storage.abortMultipart(key, uploadId);
    }

    private Uni<Void> sendPart(byte[] bytes, int length) {
        Uni<String> started = uploadId != null ? Uni.createFrom().item(uploadId)
                : storage.startMultipart(key, contentType).invoke(id -> uploadId = id);
        return started.chain(id -> storage.uploadPart(key, id, parts.size() + 1, bytes, length))
                .invoke(parts::add).replaceWithVoid();
    }
}
