package dev.lightbox.image;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lightbox.config.LightboxConfig;
import dev.lightbox.image.ImageRequests.ImagePage;
import dev.lightbox.image.ImageRequests.ImagePatch;
import dev.lightbox.image.ImageRequests.Upload;
import dev.lightbox.image.ImageRequests.UploadRequest;
import dev.lightbox.image.ImageRequests.UploadTicket;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage;
import dev.lightbox.storage.ObjectStorage.ObjectInfo;
import dev.lightbox.storage.ObjectStorage.PresignedUrl;
import dev.lightbox.user.UserProfileStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Images: rows in PostgreSQL, bytes in S3. Transactions never span an S3 call; instead every step that could leave an
 * object without a row first records the object in the {@link ObjectDeletion} outbox, in the same transaction that
 * makes it unreferenced (or, for objects about to be written, as a guard due later), so the clean-up can finish the
 * job whatever fails in between. A row never points at a key before its object exists.
 */
@ApplicationScoped
public class ImageService {

    private static final Logger LOG = Logger.getLogger(ImageService.class);
    /** How long a copy to a new level may take before its guard entry deletes the copy (if no row points at it). */
    private static final Duration MOVE_GUARD = Duration.ofMinutes(5);
    /** How long a streamed upload may take before its guard entry deletes the object (if no row points at it). */
    static final Duration STREAM_GUARD = Duration.ofMinutes(30);
    private static final int CLEANUP_BATCH = 100;
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(10);

    private static final String WITH_OWNER = "select i, p.username from Image i left join UserProfile p on p.id = i.ownerId ";

    private final ObjectStorage storage;
    private final UserProfileStore profiles;
    private final ImageConfig config;
    private final long maxImageBytes;
    private final Database database;

    public ImageService(ObjectStorage storage, UserProfileStore profiles, ImageConfig config, LightboxConfig lightbox,
            Database database) {
        this.storage = storage;
        this.database = database;
        this.profiles = profiles;
        this.config = config;
        this.maxImageBytes = lightbox.maxImageBytes();
    }

    public record CleanupReport(int abandonedUploads, int objectsDeleted, int deletionsFailed) {
    }

    // ---- Reads ---------------------------------------------------------------------------------------------------

    public Uni<ImageView> get(String id, Caller caller) {
        return database.session(() -> findVisible(id, caller)).map(this::view);
    }

    /** Where the bytes of a ready image can be fetched for the next {@code url-ttl}. */
    public Uni<PresignedUrl> contentUrl(String id, Caller caller) {
        return database.session(() -> findVisible(id, caller)).map(found -> {
            if (found.image().status != ImageStatus.READY) {
                throw ProblemException.conflict("image.not_ready", "The image has not been uploaded yet.");
            }
            return storage.presignGet(found.image().objectKey, config.urlTtl());
        });
    }

    public Uni<ImagePage> list(String levelFilter, String ownerFilter, String limitParam, String cursorParam, Caller caller) {
        int limit = parseLimit(limitParam);
        ImageLevel level = levelFilter == null ? null : parseLevel("level", levelFilter);
        PageCursor cursor = cursorParam == null ? null : PageCursor.decode(cursorParam);
        if (cursorParam != null && cursor == null) {
            throw ProblemException.badRequest("request.invalid_cursor", "The cursor is not one this service handed out.");
        }
        return resolveOwner(ownerFilter).chain(ownerId -> database.session(() -> {
            StringBuilder where = new StringBuilder("where ").append(visibility(caller));
            if (level != null) {
                where.append(" and i.level = :level");
            }
            if (ownerFilter != null) {
                where.append(" and i.ownerId = :owner");
            }
            if (cursor != null) {
                // Written so that PostgreSQL walks the (created_at, id) index from the cursor on.
                where.append(" and i.createdAt <= :at and (i.createdAt < :at or i.id < :afterId)");
            }
            String hql = WITH_OWNER + where + " order by i.createdAt desc, i.id desc";
            return Panache.getSession().chain(session -> {
                var query = session.createSelectionQuery(hql, Object[].class).setMaxResults(limit + 1);
                bindVisibility(query, caller);
                if (level != null) {
                    query.setParameter("level", level);
                }
                if (ownerFilter != null) {
                    query.setParameter("owner", ownerId);
                }
                if (cursor != null) {
                    query.setParameter("at", cursor.createdAt()).setParameter("afterId", cursor.id());
                }
                return query.getResultList();
            });
        })).map(rows -> {
            List<ImageView> items = new ArrayList<>();
            for (Object[] row : rows.subList(0, Math.min(limit, rows.size()))) {
                items.add(view(new Owned((Image) row[0], (String) row[1])));
            }
            String next = rows.size() > limit ? PageCursor.after((Image) rows.get(limit - 1)[0]).encode() : null;
            return new ImagePage(items, next);
        });
    }

    // ---- Presigned upload ----------------------------------------------------------------------------------------

    public Uni<UploadTicket> startUpload(UploadRequest request, Caller caller) {
        String filenameProblem = FilenamePolicy.problem(request.filename());
        if (filenameProblem != null) {
            throw ProblemException.invalidField("filename", filenameProblem);
        }
        String contentType = request.contentType().toLowerCase(Locale.ROOT).strip();
        if (!config.allowedTypes().contains(contentType)) {
            throw unsupportedType();
        }
        if (request.size() > maxImageBytes) {
            throw tooLarge();
        }
        ImageLevel level = request.level() == null ? ImageLevel.PRIVATE : parseLevel("level", request.level());
        Instant now = now();
        Image image = newImage(caller.id(), level, request.filename(), contentType, request.size(), now);
        image.status = ImageStatus.PENDING;
        image.uploadExpiresAt = now.plus(config.uploadTtl());
        image.title = request.title();
        image.description = request.description();
        return database.transaction(() -> image.persist()).chain(() -> ownerUsername(caller.id())).map(username -> {
            PresignedUrl put = storage.presignPut(image.objectKey, contentType, image.size, config.uploadTtl());
            return new UploadTicket(view(new Owned(image, username)), new Upload("PUT", put.url(), put.headers(), put.expiresAt()));
        });
    }

    /**
     * Checks what was uploaded to a pending image's URL and makes the image ready. Content that is not what was
     * declared is deleted (the URL may be used again until it expires).
     */
    public Uni<ImageView> complete(String id, Caller caller) {
        return database.session(() -> findVisible(id, caller)).chain(found -> {
            Image image = found.image();
            if (!image.isOwnedBy(caller.id())) {
                throw ProblemException.forbidden("image.not_owner", "Only the owner can complete an upload.");
            }
            if (image.status == ImageStatus.READY) {
                throw ProblemException.conflict("upload.already_completed", "This upload was already completed.");
            }
            return storage.head(image.objectKey).chain(info -> {
                if (info.isEmpty()) {
                    throw ProblemException.conflict("upload.missing", "Nothing has been uploaded for this image yet.");
                }
                if (!declaredAs(info.get(), image)) {
                    return rejectContent(image, "The uploaded object's size or type differs from what was declared.");
                }
                return storage.readPrefix(image.objectKey, (int) Math.min(image.size, ImageInspector.HEADER_BYTES))
                        .chain(prefix -> {
                            ImageInspector.Inspection inspection = ImageInspector.inspect(prefix, prefix.length);
                            if (inspection == null || !inspection.contentType().equals(image.contentType)) {
                                return rejectContent(image, "The uploaded bytes are not a readable " + image.contentType + " image.");
                            }
                            return markReady(image, inspection);
                        });
            }).map(ready -> view(new Owned(ready, found.ownerUsername())));
        });
    }

    private Uni<Image> markReady(Image image, ImageInspector.Inspection inspection) {
        Instant now = now();
        // Conditional on still being pending: of two racing completions exactly one wins.
        return database.transaction(() -> Image.update(
                "status = ?1, width = ?2, height = ?3, updatedAt = ?4, uploadExpiresAt = null where id = ?5 and status = ?6",
                ImageStatus.READY, inspection.width(), inspection.height(), now, image.id, ImageStatus.PENDING))
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

    private <T> Uni<T> rejectContent(Image image, String detail) {
        return storage.delete(image.objectKey).chain(() -> Uni.createFrom().failure(new ProblemException(422, "image.content_mismatch", detail)));
    }

    private static boolean declaredAs(ObjectInfo info, Image image) {
        String type = info.contentType() == null ? "" : info.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return info.size() == image.size && type.equals(image.contentType);
    }

    // ---- Streamed upload -----------------------------------------------------------------------------------------

    /** A new image id and its object key for a streamed upload, after recording a guard for the object. */
    public Uni<Image> prepareStreamedUpload(String ownerId, ImageLevel level, String filename) {
        Instant now = now();
        Image image = newImage(ownerId, level, filename, null, 0, now);
        return guard(image.objectKey, now.plus(STREAM_GUARD)).replaceWith(image);
    }

    /**
     * Records a streamed image whose object is written, as ready. If the level the client asked for arrived after the
     * file, the object is moved to that level's key first.
     */
    public Uni<ImageView> finishStreamedUpload(Image image, ImageLevel level, String title, String description) {
        Uni<Void> placed = Uni.createFrom().voidItem();
        String writtenKey = image.objectKey;
        if (level != image.level) {
            image.level = level;
            image.objectKey = level.objectKey(image.ownerId, image.id);
            placed = guard(image.objectKey, now().plus(MOVE_GUARD)).chain(() -> storage.copy(writtenKey, image.objectKey));
        }
        image.title = title;
        image.description = description;
        image.status = ImageStatus.READY;
        return placed.chain(() -> database.transaction(() -> image.persist()
                .chain(() -> dropGuards(image.objectKey))
                // The written object, if it was moved, is no longer being written: its deletion need not wait.
                .chain(() -> writtenKey.equals(image.objectKey) ? Uni.createFrom().nullItem()
                        : dropGuards(writtenKey).chain(() -> enqueueDeletion(writtenKey, now())))))
                .chain(deletion -> deletion == null ? Uni.createFrom().voidItem() : process(List.of(deletion)).replaceWithVoid())
                .chain(() -> ownerUsername(image.ownerId))
                .map(username -> view(new Owned(image, username)));
    }

    /**
     * Removes what a failed or refused streamed upload may have left: its guard entry becomes due now instead of when
     * the upload would have timed out, and is processed at once; if storage is down, the clean-up retries it with
     * back-off.
     */
    public Uni<Void> abandonStreamedUpload(Image image) {
        return database.transaction(() -> lockKey(image.objectKey)
                        .chain(() -> ObjectDeletion.update("dueAt = ?1 where objectKey = ?2", now(), image.objectKey)))
                .chain(() -> deleteNowOrLater(image.objectKey))
                .onFailure().invoke(failure -> LOG.warnf("Abandoned upload %s is left to the clean-up: %s", image.id, failure.toString()))
                .onFailure().recoverWithNull();
    }

    public String sniffAllowed(byte[] prefix, int length) {
        String type = ImageInspector.sniff(prefix, length);
        return type != null && config.allowedTypes().contains(type) ? type : null;
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }

    // ---- Changes -------------------------------------------------------------------------------------------------

    public Uni<ImageView> update(String id, ImagePatch patch, Caller caller) {
        ImageLevel level = patch.level() == null ? null : parseLevel("level", patch.level());
        return database.session(() -> findVisible(id, caller)).chain(found -> {
            Image image = found.image();
            if (!image.isOwnedBy(caller.id())) {
                throw ProblemException.forbidden("image.not_owner", "Only the owner can change an image.");
            }
            if (level != null && level != image.level) {
                if (image.status != ImageStatus.READY) {
                    throw ProblemException.conflict("image.not_ready", "Complete the upload before changing the level.");
                }
                String oldKey = image.objectKey;
                return moveObject(image, level, patch).call(moved -> deleteNowOrLater(oldKey))
                        .map(moved -> view(new Owned(moved, found.ownerUsername())));
            }
            applyText(image, patch);
            return database.transaction(() -> Image.update("title = ?1, description = ?2, updatedAt = ?3 where id = ?4",
                    image.title, image.description, image.updatedAt, image.id))
                    .map(ignored -> view(found));
        });
    }

    /**
     * The part of a level change that must never lose the image: copy the object to its new key (guarded, so a copy
     * nobody points at is removed), then in one transaction point the row at the copy and enqueue the old object's
     * deletion. Public so that tests can stop a move right there, as a crash would.
     */
    public Uni<Image> moveObject(Image image, ImageLevel level, ImagePatch patch) {
        String oldKey = image.objectKey;
        String newKey = level.objectKey(image.ownerId, image.id);
        return guard(newKey, now().plus(MOVE_GUARD))
                .chain(() -> storage.copy(oldKey, newKey))
                .chain(() -> database.transaction(() -> {
                    applyText(image, patch);
                    // Conditional on the row still pointing at the object we copied.
                    return Image.update("level = ?1, objectKey = ?2, title = ?3, description = ?4, updatedAt = ?5 where id = ?6 and objectKey = ?7",
                            level, newKey, image.title, image.description, image.updatedAt, image.id, oldKey)
                            .chain(updated -> {
                                if (updated == 0) {
                                    throw ProblemException.conflict("image.changed", "The image changed meanwhile; try again.");
                                }
                                return dropGuards(newKey).chain(() -> enqueueDeletion(oldKey, now()));
                            });
                }))
                .map(ignored -> {
                    image.level = level;
                    image.objectKey = newKey;
                    return image;
                });
    }

    public Uni<Void> delete(String id, Caller caller) {
        return database.transaction(() -> findVisible(id, caller).chain(found -> {
            Image image = found.image();
            if (!caller.canDelete(image)) {
                throw ProblemException.forbidden("image.not_owner", "Only the owner or an admin can delete an image.");
            }
            return Image.delete("id", image.id).chain(deleted -> {
                if (deleted == 0) {
                    throw notFound();
                }
                return enqueueDeletion(image.objectKey, now());
            });
        })).chain(deletion -> process(List.of(deletion))).replaceWithVoid();
    }

    /** Removes every image of a user (rows now, objects now or at the next clean-up); the number of images removed. */
    public Uni<Long> deleteAllOwnedBy(String ownerId) {
        return database.transaction(() -> Panache.getSession()
                .chain(session -> session.createSelectionQuery("select i.objectKey from Image i where i.ownerId = :owner", String.class)
                        .setParameter("owner", ownerId).getResultList())
                .call(keys -> Image.delete("ownerId", ownerId))
                .chain(keys -> Multi.createFrom().iterable(keys)
                        .onItem().transformToUniAndConcatenate(key -> enqueueDeletion(key, now()))
                        .collect().asList()))
                .chain(deletions -> process(deletions).replaceWith((long) deletions.size()));
    }

    // ---- Clean-up ------------------------------------------------------------------------------------------------

    /**
     * Removes pending uploads whose URL expired (plus a grace period) before {@code now}, then deletes the objects
     * whose outbox entries are due. Safe to run concurrently with itself and with requests.
     */
    public Uni<CleanupReport> cleanUp(Instant now) {
        Instant abandonedBefore = now.minus(config.uploadGrace());
        return database.transaction(() -> Image.<Image>find("status = ?1 and uploadExpiresAt < ?2", ImageStatus.PENDING, abandonedBefore)
                .page(0, CLEANUP_BATCH).list()
                .chain(abandoned -> Multi.createFrom().iterable(abandoned)
                        .onItem().transformToUniAndConcatenate(image -> Image.delete("id = ?1 and status = ?2", image.id, ImageStatus.PENDING)
                                .chain(() -> enqueueDeletion(image.objectKey, now)))
                        .collect().asList()))
                .chain(abandoned -> database.session(() -> ObjectDeletion.<ObjectDeletion>find("dueAt <= ?1 order by dueAt", now)
                                .page(0, CLEANUP_BATCH).list())
                        .chain(due -> processAt(due, now))
                        .map(result -> new CleanupReport(abandoned.size(), result[0], result[1])));
    }

    private Uni<int[]> process(List<ObjectDeletion> deletions) {
        return processAt(deletions, now());
    }

    /**
     * Deletes each entry's object unless a row points at its key again, or a write to that key is under way (a guard
     * for it is not yet due): then the entry waits. The check and the deletion hold the key's lock, which writers take
     * to record their guard before writing, so a deletion can never land on an object written after its check.
     * Failures are retried later with backoff.
     */
    private Uni<int[]> processAt(List<ObjectDeletion> deletions, Instant now) {
        int[] deletedAndFailed = new int[2];
        return Multi.createFrom().iterable(deletions)
                // Not within the database deadline: the key's lock is held across the S3 delete, which has its own.
                .onItem().transformToUniAndConcatenate(deletion -> Panache.withTransaction(() -> lockKey(deletion.objectKey)
                        .chain(() -> Image.count("objectKey", deletion.objectKey))
                        .chain(referenced -> referenced > 0 ? Uni.createFrom().<Boolean>item(Boolean.FALSE)
                                : ObjectDeletion.count("objectKey = ?1 and dueAt > ?2 and id <> ?3", deletion.objectKey, now, deletion.id)
                                        .chain(writing -> writing > 0 ? Uni.createFrom().<Boolean>nullItem()
                                                : storage.delete(deletion.objectKey).invoke(() -> deletedAndFailed[0]++)
                                                        .replaceWith(Boolean.TRUE)))
                        // null: a write is under way, keep the entry for a later run
                        .call(deleted -> deleted == null ? Uni.createFrom().voidItem() : ObjectDeletion.delete("id", deletion.id)))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> {
                            deletedAndFailed[1]++;
                            LOG.warnf("Deleting object %s failed (attempt %d), retrying later: %s",
                                    deletion.objectKey, deletion.attempts + 1, failure.toString());
                            return database.transaction(() -> ObjectDeletion.update("attempts = attempts + 1, dueAt = ?1 where id = ?2",
                                    now.plus(retryDelay(deletion.attempts)), deletion.id)).replaceWithVoid()
                                    .onFailure().recoverWithNull();
                        }))
                .collect().last()
                .replaceWith(deletedAndFailed);
    }

    private Uni<Void> deleteNowOrLater(String objectKey) {
        return database.session(() -> ObjectDeletion.<ObjectDeletion>find("objectKey = ?1 and attempts = 0", objectKey).list())
                .chain(this::process).replaceWithVoid();
    }

    private static Duration retryDelay(int attempts) {
        Duration delay = Duration.ofSeconds(1L << Math.min(attempts, 10));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------

    private record Owned(Image image, String ownerUsername) {
    }

    /** The image with its owner's username, if this caller may see it; otherwise 404, whether it exists or not. */
    private Uni<Owned> findVisible(String id, Caller caller) {
        UUID uuid = parseId(id);
        if (uuid == null) {
            return Uni.createFrom().failure(notFound());
        }
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(WITH_OWNER + "where i.id = :id", Object[].class)
                        .setParameter("id", uuid).getSingleResultOrNull())
                .map(row -> {
                    if (row == null || !caller.canSee((Image) row[0])) {
                        throw notFound();
                    }
                    return new Owned((Image) row[0], (String) row[1]);
                });
    }

    private static String visibility(Caller caller) {
        if (caller.isGuest()) {
            return "(i.status = :ready and i.level <> :private)";
        }
        if (caller.admin()) {
            return "(i.status = :ready or i.ownerId = :me)";
        }
        return "((i.status = :ready and i.level <> :private) or i.ownerId = :me)";
    }

    private static void bindVisibility(org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?> query, Caller caller) {
        query.setParameter("ready", ImageStatus.READY);
        if (!caller.admin()) {
            query.setParameter("private", ImageLevel.PRIVATE);
        }
        if (!caller.isGuest()) {
            query.setParameter("me", caller.id());
        }
    }

    /** The owner filter accepts a user id or a username (usernames never contain '-', Cognito subs always do). */
    private Uni<String> resolveOwner(String owner) {
        if (owner == null || owner.contains("-")) {
            return Uni.createFrom().item(owner);
        }
        return profiles.findByUsername(owner).map(profile -> profile.map(UserProfileStore.Profile::id).orElse(owner));
    }

    private Uni<String> ownerUsername(String ownerId) {
        return profiles.find(ownerId).map(profile -> profile.map(UserProfileStore.Profile::username).orElse(null));
    }

    /** Records that an object is about to be written under {@code objectKey}, so that it is removed if no row claims it. */
    private Uni<Void> guard(String objectKey, Instant dueAt) {
        return database.transaction(() -> lockKey(objectKey).chain(() -> ObjectDeletion.of(objectKey, dueAt, now()).persist()))
                .replaceWithVoid();
    }

    /** A transaction-scoped PostgreSQL advisory lock on an object key (see {@link #processAt}). */
    private static Uni<Void> lockKey(String objectKey) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(:key))) as locked", Integer.class)
                .setParameter("key", objectKey).getSingleResult()).replaceWithVoid();
    }

    private static Uni<Long> dropGuards(String objectKey) {
        return ObjectDeletion.delete("objectKey", objectKey);
    }

    private static Uni<ObjectDeletion> enqueueDeletion(String objectKey, Instant now) {
        ObjectDeletion deletion = ObjectDeletion.of(objectKey, now, now);
        return deletion.<ObjectDeletion>persist().call(() -> Panache.getSession().chain(session -> session.flush()));
    }

    private static Image newImage(String ownerId, ImageLevel level, String filename, String contentType, long size, Instant now) {
        Image image = new Image();
        image.id = UUID.randomUUID();
        image.ownerId = ownerId;
        image.level = level;
        image.objectKey = level.objectKey(ownerId, image.id);
        image.filename = filename;
        image.contentType = contentType;
        image.size = size;
        image.createdAt = now;
        image.updatedAt = now;
        return image;
    }

    private static void applyText(Image image, ImagePatch patch) {
        if (patch.title() != null) {
            image.title = patch.title();
        }
        if (patch.description() != null) {
            image.description = patch.description();
        }
        image.updatedAt = now();
    }

    private ImageView view(Owned owned) {
        Image image = owned.image();
        PresignedUrl url = image.status == ImageStatus.READY ? storage.presignGet(image.objectKey, config.urlTtl()) : null;
        return new ImageView(image.id, image.ownerId, owned.ownerUsername(), image.level, image.status, image.filename,
                image.contentType, image.size, image.width, image.height, image.title, image.description,
                image.createdAt, image.updatedAt, url == null ? null : url.url(), url == null ? null : url.expiresAt());
    }

    /** Database time has microseconds; so do our instants, so that cursors compare exactly. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static ImageLevel parseLevel(String field, String value) {
        ImageLevel level = ImageLevel.parse(value);
        if (level == null) {
            throw ProblemException.invalidField(field, "must be one of public, protected, private");
        }
        return level;
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("limit", "must be an integer from 1 to 100");
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static ProblemException notFound() {
        return ProblemException.notFound("image.not_found", "There is no such image, or you may not see it.");
    }

    static ProblemException unsupportedType() {
        return new ProblemException(415, "image.unsupported_type", "Only JPEG, PNG, GIF and WebP images are accepted.");
    }

    static ProblemException tooLarge() {
        return new ProblemException(413, "image.too_large", "The image is larger than this service accepts.");
    }
}
