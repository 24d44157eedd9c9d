package dev.lightbox.image;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.lightbox.image.metadata.MetadataKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An image's metadata; its bytes are the object at {@link #objectKey}. */
@Entity
@Table(name = "image")
public class Image extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public ImageLevel level;

    @Column(nullable = false)
    public ImageStatus status;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(nullable = false)
    public String filename;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public long size;

    public Integer width;

    public Integer height;

    public String title;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "upload_expires_at")
    public Instant uploadExpiresAt;

    /** What stripping removed: {@link MetadataKind} names, comma-separated; null when the bytes are the client's. */
    @Column(name = "metadata_removed")
    public String metadataRemoved;

    /** A BlurHash of the image, set with its variants. */
    @Column(name = "placeholder_blurhash")
    public String placeholderBlurhash;

    /** The image's average colour as {@code #rrggbb}, set with its variants. */
    @Column(name = "placeholder_color")
    public String placeholderColor;

    /** A new image's row, its object key derived from level, owner and id. */
    static Image create(String ownerId, ImageLevel level, String filename, String contentType, long size, Instant now) {
        Image image = new Image();
        image.id = UUID.randomUUID();
        image.ownerId = ownerId;
        image.level = level;
        image.objectKey = level.objectKey(ownerId, image.id);
        image.filename = filename;
        image.contentType = contentType;
        image.size = size;
        image.createdAt = now;
        image.updatedAt = now;
        return image;
    }

    void recordRemoved(Set<MetadataKind> kinds) {
        metadataRemoved = String.join(",", MetadataKind.wire(kinds));
    }

    /** What stripping removed, as the image JSON lists it; null when the bytes are the client's. */
    List<String> metadataRemovedNames() {
        return metadataRemoved == null ? null : metadataRemoved.isEmpty() ? List.of() : List.of(metadataRemoved.split(","));
    }

    /**
     * Where the client's presigned PUT lands: never the image's own key, so that a PUT repeated after completion (the
     * URL works until it expires) cannot replace the checked and cleaned bytes. Completion copies what it accepted
     * from here to {@link #objectKey} and deletes this object.
     */
    public String uploadKey() {
        return "uploads/" + ownerId + "/" + id;
    }

    public boolean isOwnedBy(String userId) {
        return userId != null && userId.equals(ownerId);
    }
}
