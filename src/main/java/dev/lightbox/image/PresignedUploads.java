package dev.lightbox.image;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.config.LightboxConfig;
import dev.lightbox.image.ImageRequests.Upload;
import dev.lightbox.image.ImageRequests.UploadRequest;
import dev.lightbox.image.ImageRequests.UploadTicket;
import dev.lightbox.image.metadata.MetadataStripper;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.quota.Quotas;
import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage;
import dev.lightbox.storage.ObjectStorage.ObjectInfo;
import dev.lightbox.storage.ObjectStorage.PresignedUrl;
import dev.lightbox.variant.VariantQueue;
import dev.lightbox.variant.VariantWorker;
import io.smallrye.mutiny.Uni;

/**
 * Uploads straight to S3: a pending row and a PUT URL bound to the declared type and size, for an upload object of its
 * own ({@link Image#uploadKey}); then a completion that checks what arrived and stores it, without its metadata when
 * stripping is on, under the image's key. Pending rows whose URL expired are removed by {@link ImageCleanup}.
 */
@ApplicationScoped
public class PresignedUploads {

    private final Database database;
    private final ObjectStorage storage;
    private final ImageLookup lookup;
    private final ImageViews views;
    private final ImageConfig config;
    private final ImageAcceptance acceptance;
    private final Quotas quotas;
    private final MetadataRemoval metadataRemoval;
    private final UploadSlots slots;
    private final VariantWorker variantWorker;
    private final long maxImageBytes;

    public PresignedUploads(Database database, ObjectStorage storage, ImageLookup lookup, ImageViews views,
            ImageConfig config, ImageAcceptance acceptance, Quotas quotas, MetadataRemoval metadataRemoval,
            UploadSlots slots, VariantWorker variantWorker, LightboxConfig lightbox) {
        this.variantWorker = variantWorker;
        this.database = database;
        this.storage = storage;
        this.lookup = lookup;
        this.views = views;
        this.config = config;
        this.acceptance = acceptance;
        this.quotas = quotas;
        this.metadataRemoval = metadataRemoval;
        this.slots = slots;
        this.maxImageBytes = lightbox.maxImageBytes();
    }

    public Uni<UploadTicket> start(UploadRequest request, Caller caller) {
        String filenameProblem = FilenamePolicy.problem(request.filename());
        if (filenameProblem != null) {
            throw ProblemException.invalidField("filename", filenameProblem);
        }
        String contentType = request.contentType().toLowerCase(Locale.ROOT).strip();
        if (!config.allowedTypes().contains(contentType)) {
            throw ImageProblems.unsupportedType();
        }
        if (request.size() > maxImageBytes) {
            throw ImageProblems.tooLarge();
        }
        ImageLevel level = request.level() == null ? ImageLevel.PRIVATE : ImageProblems.parseLevel("level", request.level());
        Instant now = Timestamps.now();
        Image image = Image.create(caller.id(), level, request.filename(), contentType, request.size(), now);
        image.status = ImageStatus.PENDING;
        image.uploadExpiresAt = now.plus(config.uploadTtl());
        image.title = request.title();
        image.description = request.description();
        // The upload object goes when the URL can no longer write it, whatever happens to the upload meanwhile.
        Instant uploadObjectGone = image.uploadExpiresAt.plus(config.uploadGrace());
        return database.transaction(() -> quotas.reserve(caller.id(), image.size).chain(() -> image.persist())
                .chain(() -> DeletionOutbox.schedule(image.uploadKey(), uploadObjectGone, now)))
                .chain(() -> views.withOwner(image)).map(view -> {
            PresignedUrl put = storage.presignPut(image.uploadKey(), contentType, image.size, config.uploadTtl());
            return new UploadTicket(view, new Upload("PUT", put.url(), put.headers(), put.expiresAt()));
        });
    }

    /**
     * Checks what was uploaded to a pending image's URL, stores it (cleaned) under the image's key and makes the image
     * ready. Content that is not what was declared is deleted (the URL may be used again until it expires).
     */
    public Uni<ImageView> complete(String id, Caller caller) {
        return database.session(() -> lookup.readable(id, caller)).chain(found -> {
            Image image = found.image();
            if (!ImageAccessPolicy.canChange(caller, image)) {
                throw ImageProblems.notOwner("complete an upload");
            }
            if (image.status == ImageStatus.READY) {
                throw ProblemException.conflict("upload.already_completed", "This upload was already completed.");
            }
            return storage.head(image.uploadKey()).chain(info -> {
                if (info.isEmpty()) {
                    throw ProblemException.conflict("upload.missing", "Nothing has been uploaded for this image yet.");
                }
                if (!declaredAs(info.get(), image)) {
                    return reject(image, ImageProblems.contentMismatch("The uploaded object's size or type differs from what was declared."));
                }
                return store(image);
            }).invoke(variantWorker::nudge)
                    .map(ready -> views.of(new ImageLookup.Found(ready, found.ownerUsername(), List.of())));
        });
    }

    /** The inspection of an acceptable image; otherwise the object is deleted and the upload refused. */
    private Uni<ImageInspector.Inspection> inspect(Image image, byte[] prefix) {
        try {
            return Uni.createFrom().item(acceptance.accept(prefix, Math.min(prefix.length, ImageInspector.HEADER_BYTES), image.contentType));
        } catch (ProblemException refused) {
            return reject(image, refused);
        }
    }

    /**
     * Reads the whole upload, checks it, removes its metadata when stripping is on, and stores the result under the
     * image's own key; then the image is ready and the upload object is deleted. What is served is exactly what was
     * checked, whatever is PUT to the upload URL meanwhile or later. Holds an upload slot ({@link UploadSlots}) like a
     * streamed upload, so that memory stays bounded by the slots.
     */
    private Uni<Image> store(Image image) {
        Runnable releaseSlot = slots.take(image.ownerId);
        return storage.read(image.uploadKey())
                .chain(upload -> inspect(image, upload).chain(inspection -> {
                    byte[] stored = upload;
                    if (metadataRemoval.enabled()) {
                        MetadataStripper.Stripped stripped;
                        try {
                            stripped = metadataRemoval.strip(upload, image.contentType);
                        } catch (ProblemException incomplete) {
                            return reject(image, incomplete);
                        }
                        stored = stripped.bytes();
                        image.recordRemoved(stripped.removed());
                    }
                    image.size = stored.length;
                    return storage.put(image.objectKey, image.contentType, stored, stored.length)
                            .chain(() -> markReady(image, inspection))
                            .call(() -> storage.delete(image.uploadKey()).onFailure().recoverWithNull());
                }))
                .onTermination().invoke(releaseSlot);
    }

    private Uni<Image> markReady(Image image, ImageInspector.Inspection inspection) {
        Instant now = Timestamps.now();
        // Conditional on still being pending: of two racing completions exactly one wins. A size that stripping changed
        // moves the owner's usage with it (trigger image_usage_resized).
        return database.transaction(() -> Image.update(
                "status = ?1, width = ?2, height = ?3, updatedAt = ?4, uploadExpiresAt = null, size = ?5, metadataRemoved = ?6 "
                        + "where id = ?7 and status = ?8",
                ImageStatus.READY, inspection.width(), inspection.height(), now, image.size, image.metadataRemoved, image.id,
                ImageStatus.PENDING)
                .call(updated -> updated == 0 ? Uni.createFrom().voidItem() : VariantQueue.enqueue(image.id)))
                .map(updated -> {
                    if (updated == 0) {
                        throw ProblemException.conflict("upload.already_completed", "This upload was already completed.");
                    }
                    image.status = ImageStatus.READY;
                    image.width = inspection.width();
                    image.height = inspection.height();
                    image.uploadExpiresAt = null;
                    image.updatedAt = now;
                    return image;
                });
    }

    private <T> Uni<T> reject(Image image, ProblemException refused) {
        return storage.delete(image.uploadKey()).chain(() -> Uni.createFrom().failure(refused));
    }

    private static boolean declaredAs(ObjectInfo info, Image image) {
        String type = info.contentType() == null ? "" : info.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return info.size() == image.size && type.equals(image.contentType);
    }
}
