package dev.lightbox.image;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.lightbox.problem.ProblemException;
import dev.lightbox.problem.ProblemResponses;
import dev.lightbox.quota.Quotas;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/images}: a multipart form whose {@code file} part is streamed to S3 as it arrives, cleaned of its
 * metadata on the way ({@link CleanedImageWriter}). JPEG and PNG are never held whole: the first
 * {@link ImageInspector#HEADER_BYTES} are kept to recognise the image, and at most one S3 part is in memory while it is
 * sent (the request is paused meanwhile); WebP and GIF are held until their end, then cleaned and sent. The size limit
 * and the room left in the owner's quota are enforced on the bytes received, while streaming, and the type is taken
 * from the bytes, never from the part's declared type. A refused body is still read to its end (up to
 * {@code quarkus.http.limits.max-body-size}) and dropped, so that clients see the answer rather than a reset.
 */
@ApplicationScoped
public class ImageUploadRoute {

    private static final Logger LOG = Logger.getLogger(ImageUploadRoute.class);

    private final StreamedUploads uploads;
    private final MetadataRemoval metadataRemoval;
    private final ObjectMapper json;
    private final UploadSlots slots;
    private final Vertx vertx;
    private final long stallTimeoutNanos;

    public ImageUploadRoute(StreamedUploads uploads, MetadataRemoval metadataRemoval, ObjectMapper json, UploadSlots slots,
            Vertx vertx, ImageConfig config) {
        this.uploads = uploads;
        this.metadataRemoval = metadataRemoval;
        this.json = json;
        this.slots = slots;
        this.vertx = vertx;
        this.stallTimeoutNanos = config.uploadStallTimeout().toNanos();
    }

    void install(@Observes Router router) {
        // Before Quarkus REST (which serves the other /api/images operations), after authentication.
        router.post("/api/images").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::upload);
    }

    private void upload(RoutingContext context) {
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            ProblemResponses.end(context, json, new ProblemException(ProblemResponses.forStatus(401), null, null));
            return;
        }
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            ProblemResponses.end(context, json, new ProblemException(415, "request.unsupported_media_type",
                    "Send the image as multipart/form-data with a part named file."));
            return;
        }
        String ownerId = identity.getPrincipal().getName();
        Runnable releaseSlot;
        try {
            releaseSlot = slots.take(ownerId);
        } catch (ProblemException refused) {
            ProblemResponses.end(context, json, refused);
            return;
        }
        Upload upload = new Upload(context, ownerId);
        long stallCheck = vertx.setPeriodic(Math.max(1, TimeUnit.NANOSECONDS.toMillis(stallTimeoutNanos) / 4), id -> upload.checkStalled());
        context.addEndHandler(ended -> {
            vertx.cancelTimer(stallCheck);
            releaseSlot.run();
        });
        upload.start();
    }

    /** One request's upload: the state of the stream and what to clean up if it fails. */
    private final class Upload {

        private final RoutingContext context;
        private final HttpServerRequest request;
        private final String ownerId;
        private final long maxBytes = uploads.maxImageBytes();
        /** What the owner's quota has room for; known before the first byte is read (the file is paused until then). */
        private long byteRoom = Long.MAX_VALUE;
        private final byte[] header = new byte[ImageInspector.HEADER_BYTES];
        private final Promise<Void> fileWritten = Promise.promise();
        private int headerLength;
        private long size;
        private boolean fileSeen;
        private boolean failed;
        private boolean paused;
        /** When the client last sent file bytes, or we last asked for more: silence past the stall timeout ends it. */
        private long lastProgress = System.nanoTime();
        private Image image;
        private CleanedImageWriter writer;
        private HttpServerFileUpload file;

        Upload(RoutingContext context, String ownerId) {
            this.context = context;
            this.request = context.request();
            this.ownerId = ownerId;
        }

        void start() {
            request.setExpectMultipart(true);
            request.uploadHandler(this::onFile);
            request.exceptionHandler(this::unreadable);
            request.endHandler(ignored -> onRequestEnd());
        }

        private void onFile(HttpServerFileUpload upload) {
            if (failed) {
                return;
            }
            if (!"file".equals(upload.name()) || fileSeen) {
                fail(ProblemException.invalidField("file", "send exactly one file, in a part named file"));
                return;
            }
            fileSeen = true;
            String filenameProblem = FilenamePolicy.problem(upload.filename());
            if (filenameProblem != null) {
                fail(ProblemException.invalidField("filename", filenameProblem));
                return;
            }
            // The level decides the object key; if it comes after the file, the object is moved at the end.
            String levelField = request.formAttributes().get("level");
            ImageLevel level = levelField == null ? ImageLevel.PRIVATE : ImageLevel.parse(levelField);
            if (level == null) {
                fail(ProblemException.invalidField("level", "must be one of public, protected, private"));
                return;
            }
            file = upload;
            pause();
            upload.exceptionHandler(this::unreadable);
            upload.handler(this::onBytes);
            upload.endHandler(ignored -> onFileEnd());
            uploads.prepare(ownerId, level, upload.filename()).subscribe().with(prepared -> {
                image = prepared.image();
                byteRoom = prepared.byteRoom();
                resume();
            }, this::fail);
        }

        /** Ends an upload whose client stopped sending while we waited for it, and closes its connection. */
        void checkStalled() {
            boolean waitingForClient = file == null || !paused;
            if (!failed && waitingForClient && System.nanoTime() - lastProgress > stallTimeoutNanos) {
                context.response().putHeader("Connection", "close");
                fail(new ProblemException(408, "upload.stalled", "The upload stopped sending data and was cancelled."));
            }
        }

        private void onBytes(Buffer buffer) {
            lastProgress = System.nanoTime();
            if (failed) {
                return;  // a refused body is read to its end and dropped, so that the client gets our answer
            }
            size += buffer.length();
            if (size > maxBytes) {
                fail(ImageProblems.tooLarge());
                return;
            }
            if (size > byteRoom) {
                fail(Quotas.exceeded());
                return;
            }
            byte[] bytes = buffer.getBytes();
            long before = size - bytes.length;
            if (headerLength < header.length) {
                int count = Math.min(bytes.length, header.length - headerLength);
                System.arraycopy(bytes, 0, header, headerLength, count);
                headerLength += count;
            }
            if (writer == null) {
                if (headerLength < ImageInspector.MAGIC_BYTES || !startWriter()) {
                    return;
                }
                // What arrived before the type was known is in the header, and nowhere else yet.
                byte[] unwritten = Arrays.copyOf(header, (int) before + bytes.length);
                System.arraycopy(bytes, 0, unwritten, (int) before, bytes.length);
                bytes = unwritten;
            }
            pause();
            writer.write(bytes).subscribe().with(ignored -> resume(), this::fail);
        }

        /** Decides the type from the first bytes; false (and the request answered 415) when it is not an image we take. */
        private boolean startWriter() {
            String type = uploads.sniffAllowed(header, headerLength);
            if (type == null) {
                fail(ImageProblems.unsupportedType());
                return false;
            }
            image.contentType = type;
            writer = metadataRemoval.streamTo(image.objectKey, type);
            return true;
        }

        /** Stops reading while a part goes to S3: that wait is ours (bounded by the storage deadline), not the client's. */
        private void pause() {
            paused = true;
            file.pause();
        }

        private void resume() {
            paused = false;
            lastProgress = System.nanoTime();
            file.resume();
        }

        private void onFileEnd() {
            if (failed) {
                return;
            }
            if (size == 0) {
                fail(ProblemException.invalidField("file", "must not be empty"));
                return;
            }
            Uni<Void> unwritten = Uni.createFrom().voidItem();
            if (writer == null) {
                if (!startWriter()) {
                    return;
                }
                unwritten = writer.write(Arrays.copyOf(header, headerLength));
            }
            unwritten.chain(writer::finish).subscribe().with(ignored -> fileWritten.tryComplete(), this::fail);
        }

        private void onRequestEnd() {
            if (failed) {
                return;
            }
            if (!fileSeen) {
                fail(ProblemException.invalidField("file", "is required"));
                return;
            }
            fileWritten.future().onSuccess(ignored -> finish());
        }

        private void finish() {
            writer.recordIn(image);
            uploads.complete(image, header, headerLength, request.formAttributes()).subscribe().with(view -> {
                context.response().putHeader(HttpHeaders.LOCATION, "/api/images/" + view.id());
                ProblemResponses.end(context, json, 201, view);
            }, this::fail);
        }

        /** The body could not be decoded (malformed multipart, a form field over Vert.x's limit) or the client left. */
        private void unreadable(Throwable failure) {
            LOG.debugf("Unreadable upload body: %s", failure.toString());
            fail(ProblemException.badRequest("request.malformed", "The multipart body could not be read."));
        }

        /** Answers with a problem once, and removes whatever was written; a request still sending is cut off. */
        private void fail(Throwable failure) {
            if (failed) {
                return;
            }
            failed = true;
            Uni<Void> aborted = writer == null ? Uni.createFrom().voidItem() : writer.abort().onFailure().recoverWithNull();
            aborted.chain(() -> image == null ? Uni.createFrom().voidItem() : uploads.abandon(image))
                    .subscribe().with(ignored -> {
                    }, e -> LOG.warnf("Cleaning up a failed upload: %s", e.toString()));
            if (file != null) {
                file.resume();
            }
            ProblemResponses.end(context, json, ProblemResponses.forFailure(failure));
        }
    }
}
