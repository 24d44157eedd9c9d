package dev.lightbox.reliability;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL within its deadline and breaker: Hibernate Reactive units of work (a session, or a transaction for
 * writes) and single prepared statements through the reactive client. A frozen server makes the caller wait at most
 * the deadline, then answers 503.
 */
@ApplicationScoped
public class Database {

    private final DependencyGuards guards;
    private final Pool pool;

    public Database(DependencyGuards guards, Pool pool) {
        this.guards = guards;
        this.pool = pool;
    }

    /** Reads in a session of their own (or the caller's, when one is open). */
    public <T> Uni<T> session(Supplier<Uni<T>> work) {
        return guards.call(Dependency.DATABASE, () -> Panache.withSession(work));
    }

    /** Writes in a transaction that commits when {@code work} succeeds. */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return guards.call(Dependency.DATABASE, () -> Panache.withTransaction(work));
    }

    /** One prepared statement, atomic on its own. */
    public Uni<RowSet<Row>> execute(String sql, Tuple arguments) {
        return guards.call(Dependency.DATABASE, () -> pool.preparedQuery(sql).execute(arguments));
    }
}
