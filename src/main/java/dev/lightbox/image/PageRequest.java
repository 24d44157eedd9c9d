package dev.lightbox.image;

import java.util.List;
import java.util.function.Function;

import dev.lightbox.problem.ProblemException;

/**
 * One page of a keyset list as the client asked for it: {@code ?limit=} (1..100, default 20) and {@code ?cursor=}.
 * Queries fetch {@code limit + 1} rows; {@link #slice} keeps {@code limit} and makes the next cursor from the last.
 */
public record PageRequest(int limit, PageCursor cursor) {

    public static PageRequest parse(String limit, String cursor) {
        PageCursor decoded = cursor == null ? null : PageCursor.decode(cursor);
        if (cursor != null && decoded == null) {
            throw ProblemException.badRequest("request.invalid_cursor", "The cursor is not one this service handed out.");
        }
        return new PageRequest(parseLimit(limit), decoded);
    }

    /** An HQL condition with positional parameters, for {@code find(...)}. */
    public record Keyset(String hql, Object[] parameters) {
    }

    /**
     * {@code condition} (with its one parameter, ?1) and, from the second page on, "after the cursor" on the
     * (createdAt, id) of {@code alias}, written so that PostgreSQL walks a (..., created_at desc, id desc) index.
     */
    public Keyset where(String condition, Object parameter, String alias) {
        if (cursor == null) {
            return new Keyset(condition, new Object[] { parameter });
        }
        return new Keyset(condition + " and " + alias + ".createdAt <= ?2 and (" + alias + ".createdAt < ?2 or " + alias + ".id < ?3)",
                new Object[] { parameter, cursor.createdAt(), cursor.id() });
    }

    /** The rows of this page and the cursor of the next (null on the last page). */
    public record Slice<R>(List<R> rows, String nextCursor) {
    }

    public <R> Slice<R> slice(List<R> rows, Function<R, PageCursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Slice<>(rows, null);
        }
        return new Slice<>(rows.subList(0, limit), cursorOf.apply(rows.get(limit - 1)).encode());
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
