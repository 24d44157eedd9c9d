package dev.lightbox.image;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.image.ImageRequests.ImagePage;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import dev.lightbox.storage.ObjectStorage.PresignedUrl;
import dev.lightbox.user.UserProfileStore;
import dev.lightbox.variant.ImageVariants;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reading images: one by id, its bytes, and the lists (everything the caller may read, or what is shared with it). */
@ApplicationScoped
public class ImageReads {

    private final Database database;
    private final ImageLookup lookup;
    private final ImageViews views;
    private final UserProfileStore profiles;

    public ImageReads(Database database, ImageLookup lookup, ImageViews views, UserProfileStore profiles) {
        this.database = database;
        this.lookup = lookup;
        this.views = views;
        this.profiles = profiles;
    }

    public Uni<ImageView> get(String id, Caller caller) {
        return database.session(() -> lookup.readable(id, caller).chain(ImageLookup::withVariants)).map(views::of);
    }

    /** Where the bytes of a ready image can be fetched for the next {@code url-ttl}. */
    public Uni<PresignedUrl> contentUrl(String id, Caller caller) {
        return database.session(() -> lookup.readable(id, caller)).map(found -> {
            if (found.image().status != ImageStatus.READY) {
                throw ProblemException.conflict("image.not_ready", "The image has not been uploaded yet.");
            }
            return views.contentUrl(found.image());
        });
    }

    /** Every image the caller may read. */
    public Uni<ImagePage> list(String level, String owner, String limit, String cursor, Caller caller) {
        return page(ListQuery.parse(level, owner, limit, cursor), ImageAccessPolicy.readable(caller));
    }

    /** The images grants share with the caller (an admin: every shared image). */
    public Uni<ImagePage> sharedWith(String level, String owner, String limit, String cursor, Caller caller) {
        return page(ListQuery.parse(level, owner, limit, cursor), ImageAccessPolicy.sharedWith(caller));
    }

    private Uni<ImagePage> page(ListQuery list, ImageAccessPolicy.Condition access) {
        return resolveOwner(list.owner()).chain(ownerId -> database.session(() -> {
            ImageAccessPolicy.Condition where = list.where(access, ownerId);
            String hql = ImageLookup.WITH_OWNER + "where " + where.hql() + " order by i.createdAt desc, i.id desc";
            return Panache.getSession().chain(session -> {
                var query = session.createSelectionQuery(hql, Object[].class).setMaxResults(list.page().limit() + 1);
                where.bind(query);
                return query.getResultList();
            }).chain(rows -> {
                PageRequest.Slice<Object[]> slice = list.page().slice(rows, row -> PageCursor.after((Image) row[0]));
                // One query for the variants of the whole page.
                return ImageVariants.of(slice.rows().stream().map(row -> ((Image) row[0]).id).toList())
                        .map(variants -> new ImagePage(slice.rows().stream()
                                .map(row -> views.of(new ImageLookup.Found((Image) row[0], (String) row[1],
                                        variants.getOrDefault(((Image) row[0]).id, List.of()))))
                                .toList(), slice.nextCursor()));
            });
        }));
    }

    /** The owner filter accepts a user id or a username (usernames never contain '-', Cognito subs always do). */
    private Uni<String> resolveOwner(String owner) {
        if (owner == null || owner.contains("-")) {
            return Uni.createFrom().item(owner);
        }
        return profiles.findByUsername(owner).map(profile -> profile.map(UserProfileStore.Profile::id).orElse(owner));
    }
}
