package dev.lightbox.sharing;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A link to one image that opens without an account until it expires, runs out of opens, or is revoked. */
@Entity
@Table(name = "share_link")
public class ShareLink extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "image_id", nullable = false)
    public UUID imageId;

    /** SHA-256 of the secret; the secret itself exists only in the link its creator was given. */
    @Column(name = "secret_hash", nullable = false)
    public byte[] secretHash;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "max_opens")
    public Integer maxOpens;

    @Column(nullable = false)
    public int opens;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
