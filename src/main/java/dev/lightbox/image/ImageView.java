package dev.lightbox.image;

import java.time.Instant;
import java.util.UUID;

/** An image as clients see it; {@code url} (a presigned GET) is there when the image is ready. */
public record ImageView(UUID id, String ownerId, String ownerUsername, ImageLevel level, ImageStatus status,
        String filename, String contentType, long size, Integer width, Integer height, String title,
        String description, Instant createdAt, Instant updatedAt, String url, Instant urlExpiresAt) {
}
