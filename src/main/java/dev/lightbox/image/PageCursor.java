package dev.lightbox.image;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque keyset cursor: the (createdAt, id) of the last image of a page. The next page starts strictly after it
 * in (createdAt desc, id desc) order, so rows inserted meanwhile can neither repeat nor push items out of a page.
 * Grants and share links are paged the same way.
 */
public record PageCursor(Instant createdAt, UUID id) {

    static PageCursor after(Image image) {
        return new PageCursor(image.createdAt, image.id);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String plain = micros + "~" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back; null when it is not one of ours. */
    static PageCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int separator = plain.indexOf('~');
            long micros = Long.parseLong(plain.substring(0, separator));
            UUID id = UUID.fromString(plain.substring(separator + 1));
            return new PageCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
