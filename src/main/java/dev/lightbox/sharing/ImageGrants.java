package dev.lightbox.sharing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.Caller;
import dev.lightbox.image.ImageProblems;
import dev.lightbox.image.PageCursor;
import dev.lightbox.image.PageRequest;
import dev.lightbox.problem.Problem;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import dev.lightbox.sharing.SharingRequests.GrantPage;
import dev.lightbox.sharing.SharingRequests.GrantRequest;
import dev.lightbox.sharing.SharingRequests.GrantView;
import dev.lightbox.user.UserProfileStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Grants of read access to an image, for a user or a group: made by the image's owner, seen and withdrawn by the
 * owner and admins. What a grant lets its grantee do is {@link dev.lightbox.image.ImageAccessPolicy}'s to say.
 */
@ApplicationScoped
public class ImageGrants {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Database database;
    private final ShareableImages images;
    private final Grantees grantees;
    private final UserProfileStore profiles;

    public ImageGrants(Database database, ShareableImages images, Grantees grantees, UserProfileStore profiles) {
        this.database = database;
        this.images = images;
        this.grantees = grantees;
        this.profiles = profiles;
    }

    public Uni<GrantPage> list(String imageId, String limit, String cursor, Caller caller) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return database.session(() -> images.toManage(imageId, caller).chain(image -> {
            PageRequest.Keyset where = page.where("g.imageId = ?1", image.id, "g");
            return ImageGrant.<ImageGrant>find("from ImageGrant g where " + where.hql() + " order by g.createdAt desc, g.id desc",
                    where.parameters()).page(0, page.limit() + 1).list();
        })).chain(rows -> {
            PageRequest.Slice<ImageGrant> slice = page.slice(rows, grant -> new PageCursor(grant.createdAt, grant.id));
            List<String> userIds = slice.rows().stream().map(grant -> grant.granteeUserId).filter(Objects::nonNull).toList();
            return profiles.usernames(userIds).map(usernames -> new GrantPage(
                    slice.rows().stream().map(grant -> view(grant, grant.granteeUserId == null ? null : usernames.get(grant.granteeUserId)))
                            .toList(),
                    slice.nextCursor()));
        });
    }

    /** 201 with the grant; 409 {@code share.exists} when the image is already shared with that user or group. */
    public Uni<GrantView> grant(String imageId, GrantRequest request, Caller caller) {
        if ((request.user() == null) == (request.group() == null)) {
            throw ProblemException.invalid(ProblemException.INVALID_FIELDS,
                    List.of(new Problem.FieldError("user", "give exactly one of user and group")));
        }
        return database.session(() -> images.toShare(imageId, caller)).chain(image -> {
            if (request.group() != null) {
                return grantees.group(request.group()).chain(group -> insert(image.id, null, null, group, caller));
            }
            return grantees.user(request.user()).chain(user -> {
                if (user.id().equals(image.ownerId)) {
                    throw ProblemException.badRequest("share.to_owner", "The owner can see this image already.");
                }
                return insert(image.id, user.id(), user.username(), null, caller);
            });
        });
    }

    public Uni<Void> withdraw(String imageId, String grantId, Caller caller) {
        return images.changeOne(imageId, grantId, caller, "delete from image_grant where id = $1 and image_id = $2");
    }

    /** When a user is deleted: every grant naming it; the number removed. */
    public Uni<Integer> withdrawAllTo(String userId) {
        return database.execute("delete from image_grant where grantee_user_id = $1", Tuple.of(userId)).map(rows -> rows.rowCount());
    }

    private Uni<GrantView> insert(UUID imageId, String userId, String username, String group, Caller caller) {
        UUID id = UUID.randomUUID();
        return database.execute("""
                        insert into image_grant (id, image_id, grantee_user_id, grantee_group, granted_by, created_at)
                        values ($1, $2, $3, $4, $5, date_trunc('microseconds', now())) on conflict do nothing
                        returning created_at""",
                        Tuple.from(new Object[] { id, imageId, userId, group, caller.id() }))
                .onFailure(ImageGrants::isForeignKeyViolation).transform(gone -> ImageProblems.notFound())
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.conflict("share.exists", "The image is already shared with " + (group == null ? "this user." : "this group."));
                    }
                    Instant createdAt = rows.iterator().next().getOffsetDateTime("created_at").toInstant();
                    return new GrantView(id, imageId, userId, username, group, caller.id(), createdAt);
                });
    }

    private static GrantView view(ImageGrant grant, String username) {
        return new GrantView(grant.id, grant.imageId, grant.granteeUserId, username, grant.granteeGroup, grant.grantedBy,
                grant.createdAt);
    }

    private static boolean isForeignKeyViolation(Throwable error) {
        return error instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState());
    }
}
