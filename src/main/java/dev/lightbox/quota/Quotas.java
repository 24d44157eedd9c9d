package dev.lightbox.quota;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per-user limits of bytes and images ({@code user_quota}, see V4__quotas.sql). Usage grows only through
 * {@link #reserve}, a conditional update in the transaction that inserts the image row, so concurrent uploads can never
 * pass the limit together; it shrinks by a trigger whenever an image row is deleted.
 */
@ApplicationScoped
public class Quotas {

    private static final String REPORT = "select used_bytes, used_images, max_bytes, max_images from user_quota where user_id = $1";

    private final Database database;
    private final QuotaConfig config;

    public Quotas(Database database, QuotaConfig config) {
        this.database = database;
        this.config = config;
    }

    public static ProblemException exceeded() {
        return new ProblemException(413, "quota.exceeded", "This upload would exceed your storage quota.");
    }

    /** The user's usage and limits; a user who never uploaded has used nothing. */
    public Uni<QuotaReport> report(String userId) {
        return database.execute(REPORT, Tuple.of(userId)).map(this::report);
    }

    /**
     * The bytes one more image of the user may have now; 413 at once when no image or byte is left. Lets uploads be
     * refused early, before anything is stored or moved; only a courtesy, since {@link #reserve} decides.
     */
    public Uni<Long> room(String userId) {
        return report(userId).map(report -> {
            long room = report.quota().maxBytes() - report.usage().bytes();
            if (report.usage().images() >= report.quota().maxImages() || room <= 0) {
                throw exceeded();
            }
            return room;
        });
    }

    /**
     * Within the caller's transaction, before it inserts an image row of {@code bytes}: counts the image, or fails with
     * 413 (rolling the transaction back) when it would pass either limit. The update is conditional, so two uploads
     * racing for the last bytes cannot both succeed: the second waits for the first's row lock and then sees its usage.
     */
    public Uni<Void> reserve(String userId, long bytes) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into user_quota (user_id) values (:user) on conflict (user_id) do nothing")
                        .setParameter("user", userId).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                update user_quota set used_bytes = used_bytes + :bytes, used_images = used_images + 1
                                where user_id = :user and used_bytes + :bytes <= coalesce(max_bytes, :maxBytes)
                                and used_images + 1 <= coalesce(max_images, :maxImages)""")
                                .setParameter("user", userId).setParameter("bytes", bytes)
                                .setParameter("maxBytes", config.maxBytes()).setParameter("maxImages", config.maxImages())
                                .executeUpdate()))
                .invoke(updated -> {
                    if (updated == 0) {
                        throw exceeded();
                    }
                }).replaceWithVoid();
    }

    /** Sets a user's own limits; a limit not given stays as it was (the deployment's default if never set). */
    public Uni<QuotaReport> setLimits(String userId, Long maxBytes, Integer maxImages) {
        return database.execute("""
                insert into user_quota (user_id, max_bytes, max_images) values ($1, $2, $3)
                on conflict (user_id) do update set max_bytes = coalesce(excluded.max_bytes, user_quota.max_bytes),
                max_images = coalesce(excluded.max_images, user_quota.max_images)
                returning used_bytes, used_images, max_bytes, max_images""", Tuple.of(userId, maxBytes, maxImages))
                .map(this::report);
    }

    /** Drops a removed user's row (its images are gone by then, so its usage is zero). */
    public Uni<Void> forget(String userId) {
        return database.execute("delete from user_quota where user_id = $1", Tuple.of(userId)).replaceWithVoid();
    }

    private QuotaReport report(RowSet<Row> rows) {
        Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
        if (row == null) {
            return new QuotaReport(new QuotaReport.Usage(0, 0), new QuotaReport.Limits(config.maxBytes(), config.maxImages()));
        }
        Long maxBytes = row.getLong("max_bytes");
        Integer maxImages = row.getInteger("max_images");
        return new QuotaReport(new QuotaReport.Usage(row.getLong("used_bytes"), row.getInteger("used_images")),
                new QuotaReport.Limits(maxBytes == null ? config.maxBytes() : maxBytes, maxImages == null ? config.maxImages() : maxImages));
    }
}
