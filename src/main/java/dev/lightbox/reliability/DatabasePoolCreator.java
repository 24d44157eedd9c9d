package dev.lightbox.reliability;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import dev.lightbox.config.LightboxConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

/**
 * The reactive pool with what Quarkus has no setting for: how long opening a connection and waiting for a free one may
 * take (without them a frozen or unreachable server keeps callers queued for 30–60 s after their request deadline has
 * answered them), and the CA bundle that verifies the server in verify-ca and verify-full.
 */
@Singleton
public class DatabasePoolCreator implements PgPoolCreator {

    private final long deadlineMillis;
    private final Optional<PemTrustOptions> rootCertificate;
    private volatile PgConnectOptions connectOptions;

    public DatabasePoolCreator(DependencyConfig config, LightboxConfig lightbox) {
        this.deadlineMillis = config.database().deadline().toMillis();
        this.rootCertificate = trustedRoot(lightbox.db().sslMode(), lightbox.db().sslRootCert());
    }

    /** The CA bundle the server's certificate must chain to: only in verify-ca and verify-full. */
    public static Optional<PemTrustOptions> trustedRoot(String sslMode, String rootCertificate) {
        return sslMode.startsWith("verify") ? Optional.of(new PemTrustOptions().addCertPath(rootCertificate)) : Optional.empty();
    }

    /** The options the pool connects with, for connections of other kinds (LISTEN) to the same server. */
    public PgConnectOptions connectOptions() {
        if (connectOptions == null) {
            throw new IllegalStateException("The pool has not been created yet");
        }
        return connectOptions;
    }

    @Override
    public Pool create(Input input) {
        input.poolOptions().setConnectionTimeout((int) deadlineMillis).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        input.pgConnectOptionsList().forEach(options -> {
            options.setConnectTimeout((int) deadlineMillis);
            // The server's certificate must chain to this CA bundle (RDS's), and its name match the host (verify-full).
            rootCertificate.ifPresent(options::setTrustOptions);
        });
        connectOptions = input.pgConnectOptionsList().get(0);
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(List.copyOf(input.pgConnectOptionsList())).using(input.vertx()).build();
    }
}
