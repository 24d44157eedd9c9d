package dev.lightbox.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.lightbox.problem.ProblemException;

class UserListCursorTest {

    @Test
    void aCursorGivesBackCognitosTokenForItsOwnQuery() {
        String cursor = new UserListCursor("email:ann", "eyJhZnRlciI6IngifQ").encode();
        assertEquals("eyJhZnRlciI6IngifQ", UserListCursor.tokenFor(cursor, "email:ann"));
        assertNull(UserListCursor.tokenFor(null, "email:ann"));
    }

    @Test
    void aCursorOfAnotherQueryOrNoCursorAtAllIsRefused() {
        String cursor = new UserListCursor("email:ann", "token").encode();
        assertEquals(400, assertThrows(ProblemException.class, () -> UserListCursor.tokenFor(cursor, "group:Admin"))
                .problem().status());
        assertThrows(ProblemException.class, () -> UserListCursor.tokenFor("***", "all"));
        assertThrows(ProblemException.class, () -> UserListCursor.tokenFor("YWxs", "all"));
    }
}
