package dev.lightbox.image;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An outbox entry: delete the object at {@link #objectKey} once due, unless an image row points at it by then. */
@Entity
@Table(name = "object_deletion")
public class ObjectDeletion extends io.quarkus.hibernate.reactive.panache.PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static ObjectDeletion of(String objectKey, Instant dueAt, Instant now) {
        ObjectDeletion deletion = new ObjectDeletion();
        deletion.objectKey = objectKey;
        deletion.dueAt = dueAt;
        deletion.createdAt = now;
        return deletion;
    }
}
