package dev.lightbox.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Our side of a Cognito user, keyed by its {@code sub}. */
@Entity
@Table(name = "user_profile")
public class UserProfile extends PanacheEntityBase {

    @Id
    public String id;

    public String username;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "signed_out_at")
    public Instant signedOutAt;
}
