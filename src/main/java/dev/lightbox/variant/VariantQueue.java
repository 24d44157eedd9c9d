package dev.lightbox.variant;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Schedules variant work in the caller's transaction, so that no ready image is ever without a way to its variants. */
public final class VariantQueue {

    private VariantQueue() {
    }

    /** Within the transaction that makes the image ready (or that dropped its variants): its variants are to be made. */
    public static Uni<Void> enqueue(UUID imageId) {
        // Flushed first: the image row may be a persist still waiting in the session, and the work row refers to it.
        return Panache.getSession().call(session -> session.flush()).chain(session -> session.createNativeQuery(
                "insert into variant_work (image_id, due_at, created_at) values (:id, now(), now())"
                        + " on conflict (image_id) do update set due_at = now(), attempts = 0, failed_at = null, last_error = null")
                .setParameter("id", imageId).executeUpdate()).replaceWithVoid();
    }
}
