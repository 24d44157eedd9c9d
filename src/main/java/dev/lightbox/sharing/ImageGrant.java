package dev.lightbox.sharing;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Read access to an image for one user or for one group's members (exactly one of the two). Named in the
 * HQL conditions of {@link dev.lightbox.image.ImageAccessPolicy}.
 */
@Entity
@Table(name = "image_grant")
public class ImageGrant extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "image_id", nullable = false)
    public UUID imageId;

    @Column(name = "grantee_user_id")
    public String granteeUserId;

    @Column(name = "grantee_group")
    public String granteeGroup;

    @Column(name = "granted_by", nullable = false)
    public String grantedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
