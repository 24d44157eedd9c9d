package dev.lightbox.image;

import java.util.Map;

/**
 * The filters and page of a list of images, as the client sent them ({@code level}, {@code owner}, {@code limit},
 * {@code cursor}), checked; {@link #where} adds them to an access condition.
 */
record ListQuery(ImageLevel level, String owner, PageRequest page) {

    static ListQuery parse(String level, String owner, String limit, String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return new ListQuery(level == null ? null : ImageProblems.parseLevel("level", level), owner, page);
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
        PageCursor cursor = page.cursor();
        if (cursor != null) {
            // Written so that PostgreSQL walks the (created_at, id) index from the cursor on.
            where = where.and("i.createdAt <= :at and (i.createdAt < :at or i.id < :afterId)",
                    Map.of("at", cursor.createdAt(), "afterId", cursor.id()));
        }
        return where;
    }
}
