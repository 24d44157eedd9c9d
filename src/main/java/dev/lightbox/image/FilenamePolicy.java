package dev.lightbox.image;

/**
 * What a client may call its file. The name is metadata shown to people (never part of an object key), so it must
 * not be able to pretend to be a path, hide text, or reverse how it reads.
 */
final class FilenamePolicy {

    static final int MAX_LENGTH = 255;

    private FilenamePolicy() {
    }

    /** Why {@code filename} is refused, or null when it is acceptable. */
    static String problem(String filename) {
        if (filename == null || filename.isBlank()) {
            return "must not be blank";
        }
        if (filename.codePointCount(0, filename.length()) > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (filename.equals(".") || filename.equals("..")) {
            return "must name a file";
        }
        if (!filename.strip().equals(filename)) {
            return "must not start or end with white space";
        }
        for (int i = 0; i < filename.length(); ) {
            int codePoint = filename.codePointAt(i);
            if (codePoint == '/' || codePoint == '\\') {
                return "must not contain path separators";
            }
            if (isHidingOrReordering(codePoint)) {
                return "must not contain control or direction-changing characters";
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    private static boolean isHidingOrReordering(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL               // NUL, line breaks, escapes
                || type == Character.SURROGATE          // an unpaired half of a pair
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                // Bidirectional marks, embeddings, overrides and isolates (U+200E-F, U+202A-E, U+2066-9, U+061C).
                || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                // Invisible characters that make two names look alike (zero width space, word joiner, BOM...).
                || codePoint == 0x200B || codePoint == 0x2060 || codePoint == 0xFEFF || codePoint == 0x00AD;
    }
}
