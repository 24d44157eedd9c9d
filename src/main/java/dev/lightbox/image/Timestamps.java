package dev.lightbox.image;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Database time has microseconds; so do our instants, so that keyset cursors compare exactly. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
