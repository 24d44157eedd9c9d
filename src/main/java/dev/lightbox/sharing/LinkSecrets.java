package dev.lightbox.sharing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The secret in a share link: the link's id (16 bytes, to find the row) and 32 random bytes (256 bits), base64url,
 * 64 characters. Only the SHA-256 of the random part is stored: with that much entropy a plain hash cannot be
 * reversed or guessed, and a stolen database opens no link. Presented secrets are compared in constant time.
 */
final class LinkSecrets {

    private static final int ID_BYTES = 16;
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkSecrets() {
    }

    /** A new link's secret: the text for its creator, and the hash for the database. */
    record Secret(UUID linkId, String text, byte[] hash) {
    }

    /** A secret someone presented, split into the link id and the hash of its random part. */
    record Presented(UUID linkId, byte[] hash) {

        boolean matches(byte[] storedHash) {
            return MessageDigest.isEqual(hash, storedHash);
        }
    }

    static Secret create() {
        UUID linkId = UUID.randomUUID();
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        ByteBuffer bytes = ByteBuffer.allocate(ID_BYTES + RANDOM_BYTES)
                .putLong(linkId.getMostSignificantBits()).putLong(linkId.getLeastSignificantBits()).put(random);
        return new Secret(linkId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()), sha256(random));
    }

    /** The presented secret, or null when it cannot be one of ours (answered like an unknown link). */
    static Presented parse(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != ID_BYTES + RANDOM_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID linkId = new UUID(buffer.getLong(), buffer.getLong());
        byte[] random = new byte[RANDOM_BYTES];
        buffer.get(random);
        return new Presented(linkId, sha256(random));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
