package dev.lightbox.reliability;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;

/**
 * The reactive pool with the bounds Quarkus has no setting for: how long opening a connection and waiting for a free
 * one may take. Without them a frozen or unreachable server keeps callers queued for 30–60 s after their request
 * deadline has already answered them.
 */
@Singleton
public class DatabasePoolCreator implements PgPoolCreator {

    private final long deadlineMillis;

    public DatabasePoolCreator(DependencyConfig config) {
        this.deadlineMillis = config.database().deadline().toMillis();
    }

    @Override
    public Pool create(Input input) {
        input.poolOptions().setConnectionTimeout((int) deadlineMillis).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        input.pgConnectOptionsList().forEach(options -> options.setConnectTimeout((int) deadlineMillis));
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(List.copyOf(input.pgConnectOptionsList())).using(input.vertx()).build();
    }
}
