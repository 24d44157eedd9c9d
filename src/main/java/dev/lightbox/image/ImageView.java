package dev.lightbox.image;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.lightbox.variant.Placeholder;
import dev.lightbox.variant.VariantView;

/**
 * An image as clients see it; {@code url} (a presigned GET) is there when the image is ready, {@code variants} and
 * {@code placeholder} once the worker has made them (seconds after the upload; empty and null until then, and for good
 * if the original could not be decoded).
 */
public record ImageView(UUID id, String ownerId, String ownerUsername, ImageLevel level, ImageStatus status,
        String filename, String contentType, long size, Integer width, Integer height, String title,
        String description, Instant createdAt, Instant updatedAt, String url, Instant urlExpiresAt,
        List<VariantView> variants, Placeholder placeholder) {
}
