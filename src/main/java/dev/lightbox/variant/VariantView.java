package dev.lightbox.variant;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A variant as clients see it, with its own presigned GET URL. */
@Schema(description = "A smaller rendition of the image, upright (EXIF orientation applied), never larger than the original")
public record VariantView(
        @Schema(description = "thumb (fits 256 px, for lists) or display (fits 1280 px, for viewing)", example = "thumb") String name,
        @Schema(example = "256") int width,
        @Schema(example = "192") int height,
        @Schema(description = "image/jpeg, or image/png when the original has transparency", example = "image/jpeg") String contentType,
        @Schema(description = "A presigned GET URL, readable by whoever may read the image") String url,
        Instant urlExpiresAt) {
}
