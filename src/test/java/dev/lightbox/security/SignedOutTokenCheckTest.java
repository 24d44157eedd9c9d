package dev.lightbox.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SignedOutTokenCheckTest {

    private static final Instant SIGNED_OUT = Instant.parse("2026-11-21T12:00:00.400Z");

    @Test
    void sessionsBegunBeforeOrInTheSecondOfTheSignOutAreRefused() {
        assertTrue(SignedOutTokenCheck.isRevoked(SIGNED_OUT.getEpochSecond() - 60, SIGNED_OUT));
        assertTrue(SignedOutTokenCheck.isRevoked(SIGNED_OUT.getEpochSecond(), SIGNED_OUT));
    }

    @Test
    void laterSessionsAndUsersNeverSignedOutPass() {
        assertFalse(SignedOutTokenCheck.isRevoked(SIGNED_OUT.getEpochSecond() + 1, SIGNED_OUT));
        assertFalse(SignedOutTokenCheck.isRevoked(SIGNED_OUT.getEpochSecond(), null));
    }
}
