package dev.lightbox.image;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.config.LightboxConfig;
import dev.lightbox.image.ImageRequests.Upload;
import dev.lightbox.image.ImageRequests.UploadRequest;
import dev.lightbox.image.ImageRequests.UploadTicket;
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
 * Uploads straight to S3: a pending row and a PUT URL bound to the declared type and size, then a completion that
 * checks what arrived. Pending rows whose URL expired are removed by {@link ImageCleanup}.
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
    private final VariantWorker variantWorker;
    private final long maxImageBytes;

    public PresignedUploads(Database database, ObjectStorage storage, ImageLookup lookup, ImageViews views,
            ImageConfig config, ImageAcceptance acceptance, Quotas quotas, VariantWorker variantWorker,
            LightboxConfig lightbox) {
        this.variantWorker = variantWorker;
        this.database = database;
        this.storage = storage;
        this.lookup = lookup;
        this.views = views;
        this.config = config;
        this.acceptance = acceptance;
        this.quotas = quotas;
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
        return database.transaction(() -> quotas.reserve(caller.id(), image.size).chain(() -> image.persist())).chain(() -> views.withOwner(image)).map(view -> {
            PresignedUrl put = storage.presignPut(image.objectKey, contentType, image.size, config.uploadTtl());
            return new UploadTicket(view, new Upload("PUT", put.url(), put.headers(), put.expiresAt()));
        });
    }

    /**
     * Checks what was uploaded to a pending image's URL and makes the image ready. Content that is not what was
     * declared is deleted (the URL may be used again until it expires).
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
            return storage.head(image.objectKey).chain(info -> {
                if (info.isEmpty()) {
                    throw ProblemException.conflict("upload.missing", "Nothing has been uploaded for this image yet.");
                }
                if (!declaredAs(info.get(), image)) {
                    return reject(image, ImageProblems.contentMismatch("The uploaded object's size or type differs from what was declared."));
                }
                return storage.readPrefix(image.objectKey, (int) Math.min(image.size, ImageInspector.HEADER_BYTES))
                        .chain(prefix -> {
                            ImageInspector.Inspection inspection;
                            try {
                                inspection = acceptance.accept(prefix, prefix.length, image.contentType);
                            } catch (ProblemException refused) {
                                return reject(image, refused);
                            }
                            return markReady(image, inspection);
                        });
            }).invoke(variantWorker::nudge)
                    .map(ready -> views.of(new ImageLookup.Found(ready, found.ownerUsername(), List.of())));
        });
    }

    private Uni<Image> markReady(Image image, ImageInspector.Inspection inspection) {
        Instant now = Timestamps.now();
        // Conditional on still being pending: of two racing completions exactly one wins.
        return database.transaction(() -> Image.update(
                "status = ?1, width = ?2, height = ?3, updatedAt = ?4, uploadExpiresAt = null where id = ?5 and status = ?6",
                ImageStatus.READY, inspection.width(), inspection.height(), now, image.id, ImageStatus.PENDING)
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
        return storage.delete(image.objectKey).chain(() -> Uni.createFrom().failure(refused));
    }

    private static boolean declaredAs(ObjectInfo info, Image image) {
        String type = info.contentType() == null ? "" : info.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return info.size() == image.size && type.equals(image.contentType);
    }
}
