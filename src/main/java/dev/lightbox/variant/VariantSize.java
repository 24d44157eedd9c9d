package dev.lightbox.variant;

import java.util.Locale;

/** The variants made of every ready image, each fitting a square box; never larger than the original. */
public enum VariantSize {
    /** For lists and galleries. */
    THUMB,
    /** For viewing one image on a screen. */
    DISPLAY;

    /** The name in JSON, in the database and in object keys. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    int box(VariantConfig config) {
        return this == THUMB ? config.thumbSize() : config.displaySize();
    }
}
