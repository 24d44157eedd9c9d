package dev.lightbox.image;

import java.util.Map;

import dev.lightbox.problem.ProblemException;

/**
 * The filters and page of a list of images, as the client sent them ({@code level}, {@code owner}, {@code limit},
 * {@code cursor}), checked; {@link #where} adds them to an access condition.
 */
record ListQuery(ImageLevel level, String owner, int limit, PageCursor cursor) {

    static ListQuery parse(String level, String owner, String limit, String cursor) {
        PageCursor decoded = cursor == null ? null : PageCursor.decode(cursor);
        if (cursor != null && decoded == null) {
            throw ProblemException.badRequest("request.invalid_cursor", "The cursor is not one this service handed out.");
        }
        return new ListQuery(level == null ? null : ImageProblems.parseLevel("level", level), owner, parseLimit(limit), decoded);
    }

    /** {@code access} narrowed by the filters and started after the cursor; {@code ownerId} is the resolved owner filter. */
    ImageAccessPolicy.Condition where(ImageAccessPolicy.Condition access, String ownerId) {
        ImageAccessPolicy.Condition where = access;
        if (level != null) {
            where = where.and("i.level = :level", Map.of("level", level));
        }
        if (owner != null) {
            where = where.and("i.ownerId = :owner", Map.of("owner", ownerId));
        }
        if (cursor != null) {
            // Written so that PostgreSQL walks the (created_at, id) index from the cursor on.
            where = where.and("i.createdAt <= :at and (i.createdAt < :at or i.id < :afterId)",
                    Map.of("at", cursor.createdAt(), "afterId", cursor.id()));
        }
        return where;
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
}
