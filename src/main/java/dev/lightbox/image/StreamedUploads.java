package dev.lightbox.image;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lightbox.config.LightboxConfig;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.quota.Quotas;
import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage;
import dev.lightbox.variant.VariantQueue;
import dev.lightbox.variant.VariantWorker;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;

/**
 * The database and outbox side of {@code POST /api/images} (the stream itself is {@link ImageUploadRoute}'s): a guard
 * before the object is written, the row once it is, and prompt removal of what a failed upload left.
 */
@ApplicationScoped
public class StreamedUploads {

    private static final Logger LOG = Logger.getLogger(StreamedUploads.class);
    /** How long a streamed upload may take before its guard entry deletes the object (if no row points at it). */
    static final Duration STREAM_GUARD = Duration.ofMinutes(30);

    private final Database database;
    private final ObjectStorage storage;
    private final DeletionOutbox outbox;
    private final ImageViews views;
    private final ImageConfig config;
    private final ImageAcceptance acceptance;
    private final Quotas quotas;
    private final VariantWorker variantWorker;
    private final long maxImageBytes;

    public StreamedUploads(Database database, ObjectStorage storage, DeletionOutbox outbox, ImageViews views,
            ImageConfig config, ImageAcceptance acceptance, Quotas quotas, VariantWorker variantWorker,
            LightboxConfig lightbox) {
        this.variantWorker = variantWorker;
        this.database = database;
        this.storage = storage;
        this.outbox = outbox;
        this.views = views;
        this.config = config;
        this.acceptance = acceptance;
        this.quotas = quotas;
        this.maxImageBytes = lightbox.maxImageBytes();
    }

    /** A streamed upload's new image, and the bytes its owner's quota has room for (a stream past them is refused). */
    public record Prepared(Image image, long byteRoom) {
    }

    /**
     * A new image id and its object key for a streamed upload, after recording a guard for the object; refused (413)
     * before any byte is stored when the owner's quota has no image or byte left.
     */
    public Uni<Prepared> prepare(String ownerId, ImageLevel level, String filename) {
        Instant now = Timestamps.now();
        Image image = Image.create(ownerId, level, filename, null, 0, now);
        return quotas.room(ownerId).call(room -> outbox.guard(image.objectKey, now.plus(STREAM_GUARD)))
                .map(room -> new Prepared(image, room));
    }

    /**
     * Checks a streamed image whose object is written, by its first bytes and the form fields that came with it, then
     * records it as ready. A problem leaves the object to the caller's {@link #abandon}.
     */
    public Uni<ImageView> complete(Image image, byte[] header, int headerLength, MultiMap form) {
        return Uni.createFrom().item(() -> {
            ImageInspector.Inspection inspection = acceptance.accept(header, headerLength, image.contentType);
            String levelField = form.get("level");
            ImageLevel level = levelField == null ? image.level : ImageLevel.parse(levelField);
            if (level == null) {
                throw ProblemException.invalidField("level", "must be one of public, protected, private");
            }
            String title = form.get("title");
            if (title != null && title.length() > ImageRequests.MAX_TITLE) {
                throw ProblemException.invalidField("title", "size must be between 0 and " + ImageRequests.MAX_TITLE);
            }
            String description = form.get("description");
            if (description != null && description.length() > ImageRequests.MAX_DESCRIPTION) {
                throw ProblemException.invalidField("description", "size must be between 0 and " + ImageRequests.MAX_DESCRIPTION);
            }
            image.width = inspection.width();
            image.height = inspection.height();
            image.title = title;
            image.description = description;
            return level;
        }).call(level -> quotas.room(image.ownerId).invoke(room -> {
            if (image.size > room) {
                throw Quotas.exceeded();
            }
        })).chain(level -> finish(image, level));
    }

    /**
     * Records a streamed image whose object is written, as ready. If the level the client asked for arrived after the
     * file, the object is moved to that level's key first (after the quota's early check, so that a refusal leaves only
     * the written object, which the caller abandons).
     */
    private Uni<ImageView> finish(Image image, ImageLevel level) {
        Uni<Void> placed = Uni.createFrom().voidItem();
        String writtenKey = image.objectKey;
        if (level != image.level) {
            image.level = level;
            image.objectKey = level.objectKey(image.ownerId, image.id);
            placed = outbox.guard(image.objectKey, Timestamps.now().plus(ImageChanges.MOVE_GUARD))
                    .chain(() -> storage.copy(writtenKey, image.objectKey));
        }
        image.status = ImageStatus.READY;
        return placed.chain(() -> database.transaction(() -> quotas.reserve(image.ownerId, image.size).chain(() -> image.persist())
                .chain(() -> DeletionOutbox.dropGuards(image.objectKey))
                .call(() -> VariantQueue.enqueue(image.id))
                // The written object, if it was moved, is no longer being written: its deletion need not wait.
                .chain(() -> writtenKey.equals(image.objectKey) ? Uni.createFrom().nullItem()
                        : DeletionOutbox.dropGuards(writtenKey).chain(() -> DeletionOutbox.enqueue(writtenKey, Timestamps.now())))))
                .invoke(variantWorker::nudge)
                .chain(deletion -> deletion == null ? Uni.createFrom().voidItem() : outbox.process(List.of(deletion)).replaceWithVoid())
                .chain(() -> views.withOwner(image));
    }

    /**
     * Removes what a failed or refused streamed upload may have left: its guard entry becomes due now instead of when
     * the upload would have timed out, and is processed at once; if storage is down, the clean-up retries it with
     * back-off.
     */
    public Uni<Void> abandon(Image image) {
        return outbox.expediteGuards(image.objectKey)
                .onFailure().invoke(failure -> LOG.warnf("Abandoned upload %s is left to the clean-up: %s", image.id, failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** The type the first bytes show, when it is one this service accepts; null otherwise. */
    public String sniffAllowed(byte[] prefix, int length) {
        String type = ImageInspector.sniff(prefix, length);
        return type != null && config.allowedTypes().contains(type) ? type : null;
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }
}
