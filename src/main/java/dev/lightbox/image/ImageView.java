package dev.lightbox.image;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
        @Schema(description = METADATA_REMOVED, nullable = true, examples = "[\"gps\", \"camera-serial\", \"exif\", \"xmp\"]")
        List<String> metadataRemoved,
        List<VariantView> variants, Placeholder placeholder) {

    static final String METADATA_REMOVED = """
            What was removed from the uploaded file before it was stored (every stored and served byte is the cleaned \
            file; pixels are unchanged and the orientation is kept): gps (location), camera-serial (camera or lens serial \
            number, owner name, maker notes), exif (the rest of Exif: camera make and model, dates, settings, \
            thumbnail), xmp, iptc (IPTC and Photoshop data), comment, text (PNG text chunks), other (other application \
            data, a modification time, bytes after the image's end). An empty list: nothing was found. Null: the file is \
            stored as sent, because this deployment keeps metadata (lightbox.images.strip-metadata=false), the upload is \
            not completed yet, or the image was stored before stripping existed.""";
}
