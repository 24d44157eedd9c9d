package dev.lightbox.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.lightbox.problem.Problem;
import dev.lightbox.problem.ProblemException;

/**
 * Our opaque cursor around Cognito's pagination token, bound to the query it pages through: a cursor from another
 * query is refused instead of silently paging a different list.
 */
record UserListCursor(String query, String cognitoToken) {

    private static final char SEPARATOR = '\n';

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((query + SEPARATOR + cognitoToken).getBytes(StandardCharsets.UTF_8));
    }

    /** The Cognito token of {@code cursor} for {@code query}; null for the first page; 400 if it is not ours. */
    static String tokenFor(String cursor, String query) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int separator = decoded.indexOf(SEPARATOR);
        if (separator < 0 || !decoded.substring(0, separator).equals(query) || separator == decoded.length() - 1) {
            throw invalid();
        }
        return decoded.substring(separator + 1);
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("The cursor is not one this list gave out.",
                List.of(new Problem.FieldError("cursor", "is not a cursor of this query")));
    }
}
