package dev.lightbox.variant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A smaller rendition of a ready image ({@link VariantSize}), stored at {@link #objectKey} beside the original. */
@Entity
@Table(name = "image_variant")
public class ImageVariant extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "image_id", nullable = false)
    public UUID imageId;

    @Column(nullable = false)
    public String name;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false)
    public long size;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
