package dev.lightbox.image;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Image settings beyond the contract's {@code lightbox.max-image-bytes}. */
@ConfigMapping(prefix = "lightbox.images")
public interface ImageConfig {

    /** Media types accepted as images; each must be one {@link ImageInspector} can recognise. */
    @WithDefault("image/jpeg,image/png,image/gif,image/webp")
    Set<String> allowedTypes();

    /** Lifetime of presigned GET URLs. */
    @WithDefault("PT15M")
    Duration urlTtl();

    /** Lifetime of presigned PUT URLs; a pending upload is removed a grace period after that. */
    @WithDefault("PT15M")
    Duration uploadTtl();

    /** How long a PUT that started just before its URL expired may still take. */
    @WithDefault("PT5M")
    Duration uploadGrace();

    /**
     * Streamed uploads, and presigned completions being cleaned of metadata, served at once by this instance. A streamed
     * JPEG or PNG holds up to about two S3 parts (10 MiB) in memory; a streamed WebP or GIF, or a presigned completion,
     * about two to three times its file. More are answered 503 with Retry-After.
     */
    @WithDefault("8")
    int maxConcurrentUploads();

    /** Streamed uploads one user may have running at once (a web page sends a few files in parallel); more: 429. */
    @WithDefault("4")
    int maxConcurrentUploadsPerUser();

    /** A streamed upload that sends no bytes for this long is ended (408) and its object removed. */
    @WithDefault("PT30S")
    Duration uploadStallTimeout();

    /**
     * Largest width × height accepted, read from the header: decoding allocates per pixel, so a small file declaring
     * huge dimensions (a decompression bomb) is refused before anything decodes it.
     */
    @WithDefault("50000000")
    long maxPixels();

    /**
     * Whether uploads are stored without their metadata (location, camera serials, Exif, XMP, IPTC, comments; see
     * {@link dev.lightbox.image.metadata.MetadataStripper}). Off: the stored bytes are the client's.
     */
    @WithDefault("true")
    boolean stripMetadata();

    /** How often the clean-up runs (a quarkus-scheduler interval). */
    @WithDefault("60s")
    String cleanupInterval();
}
