package dev.lightbox.sharing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.Caller;
import dev.lightbox.image.ImageAccessPolicy;
import dev.lightbox.image.ImageLookup;
import dev.lightbox.image.ImageViews;
import dev.lightbox.image.PageCursor;
import dev.lightbox.image.PageRequest;
import dev.lightbox.image.Timestamps;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import dev.lightbox.sharing.SharingRequests.CreatedLink;
import dev.lightbox.sharing.SharingRequests.LinkPage;
import dev.lightbox.sharing.SharingRequests.LinkRequest;
import dev.lightbox.sharing.SharingRequests.LinkStatus;
import dev.lightbox.sharing.SharingRequests.LinkView;
import dev.lightbox.sharing.SharingRequests.OpenedLink;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Share links: made by an image's owner, listed and revoked by the owner and admins, opened by anyone holding one.
 * A link is live until it expires, is revoked or has been opened {@code maxOpens} times; {@link #OPEN} (which counts
 * an open atomically) and {@link #status} are that one rule, in SQL and in Java. Unknown, expired, exhausted and
 * revoked links all answer the same 404.
 */
@ApplicationScoped
public class ShareLinks {

    private static final String OPEN = """
            update share_link set opens = opens + 1
            where id = $1 and revoked_at is null and expires_at > now() and (max_opens is null or opens < max_opens)
            returning expires_at, max_opens, opens""";

    private final Database database;
    private final ShareableImages images;
    private final ImageLookup lookup;
    private final ImageViews views;
    private final SharingConfig config;

    public ShareLinks(Database database, ShareableImages images, ImageLookup lookup, ImageViews views, SharingConfig config) {
        this.database = database;
        this.images = images;
        this.lookup = lookup;
        this.views = views;
        this.config = config;
    }

    static LinkStatus status(ShareLink link, Instant now) {
        if (link.revokedAt != null) {
            return LinkStatus.REVOKED;
        }
        if (!link.expiresAt.isAfter(now)) {
            return LinkStatus.EXPIRED;
        }
        return link.maxOpens != null && link.opens >= link.maxOpens ? LinkStatus.EXHAUSTED : LinkStatus.ACTIVE;
    }

    /** 201 with the link and, this once, its secret. */
    public Uni<CreatedLink> create(String imageId, LinkRequest request, Caller caller) {
        Duration lifetime = request.expiresInSeconds() == null ? config.linkDefaultLifetime()
                : Duration.ofSeconds(request.expiresInSeconds());
        if (lifetime.compareTo(config.linkMaxLifetime()) > 0) {
            throw ProblemException.invalidField("expiresInSeconds", "must be at most " + config.linkMaxLifetime().toSeconds());
        }
        LinkSecrets.Secret secret = LinkSecrets.create();
        return database.transaction(() -> images.toShare(imageId, caller).chain(image -> {
            ShareLink link = new ShareLink();
            link.id = secret.linkId();
            link.imageId = image.id;
            link.secretHash = secret.hash();
            link.createdBy = caller.id();
            link.createdAt = Timestamps.now();
            link.expiresAt = link.createdAt.plus(lifetime);
            link.maxOpens = request.maxOpens();
            return link.<ShareLink>persist();
        })).map(link -> new CreatedLink(view(link, Timestamps.now()), secret.text()));
    }

    public Uni<LinkPage> list(String imageId, String limit, String cursor, Caller caller) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return database.session(() -> images.toManage(imageId, caller).chain(image -> {
            PageRequest.Keyset where = page.where("l.imageId = ?1", image.id, "l");
            return ShareLink.<ShareLink>find("from ShareLink l where " + where.hql() + " order by l.createdAt desc, l.id desc",
                    where.parameters()).page(0, page.limit() + 1).list();
        })).map(rows -> {
            PageRequest.Slice<ShareLink> slice = page.slice(rows, link -> new PageCursor(link.createdAt, link.id));
            Instant now = Timestamps.now();
            return new LinkPage(slice.rows().stream().map(link -> view(link, now)).toList(), slice.nextCursor());
        });
    }

    /** Revoked at once: the next open answers 404. Revoking a revoked link again changes nothing. */
    public Uni<Void> revoke(String imageId, String linkId, Caller caller) {
        return images.changeOne(imageId, linkId, caller,
                "update share_link set revoked_at = coalesce(revoked_at, now()) where id = $1 and image_id = $2");
    }

    /** The link's id, for the audit log; null when the secret cannot be one of ours. */
    static UUID linkIdOf(String secret) {
        LinkSecrets.Presented presented = LinkSecrets.parse(secret);
        return presented == null ? null : presented.linkId();
    }

    /**
     * Opens a link and counts the open: the image with a content URL that works for {@code link-url-ttl} only, so
     * that a revoked link stops giving access within that time.
     */
    public Uni<OpenedLink> open(String secret) {
        LinkSecrets.Presented presented = LinkSecrets.parse(secret);
        if (presented == null) {
            return Uni.createFrom().failure(notFound());
        }
        return database.session(() -> ShareLink.<ShareLink>findById(presented.linkId()).chain(link -> {
            if (link == null || !presented.matches(link.secretHash)) {
                return Uni.createFrom().failure(notFound());
            }
            return lookup.any(link.imageId);
        })).chain(found -> {
            if (found == null || !ImageAccessPolicy.canReadThroughLink(found.image())) {
                return Uni.createFrom().failure(notFound());
            }
            return database.execute(OPEN, Tuple.of(presented.linkId())).map(rows -> {
                if (rows.rowCount() == 0) {
                    throw notFound();
                }
                Row row = rows.iterator().next();
                Integer maxOpens = row.getInteger("max_opens");
                return new OpenedLink(views.of(found, config.linkUrlTtl()), row.getOffsetDateTime("expires_at").toInstant(),
                        maxOpens == null ? null : maxOpens - row.getInteger("opens"));
            });
        });
    }

    private static LinkView view(ShareLink link, Instant now) {
        return new LinkView(link.id, link.imageId, link.createdAt, link.expiresAt, link.maxOpens, link.opens, link.revokedAt,
                status(link, now));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("link.not_found", "This link does not exist, has expired, or was revoked.");
    }
}
