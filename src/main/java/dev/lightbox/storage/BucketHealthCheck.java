package dev.lightbox.storage;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready only while the image bucket answers (HeadBucket: it exists and our credentials may use it). */
@Readiness
@ApplicationScoped
public class BucketHealthCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ObjectStorage storage;

    public BucketHealthCheck(ObjectStorage storage) {
        this.storage = storage;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return storage.headBucket()
                .ifNoItem().after(TIMEOUT).fail()
                .map(ignored -> HealthCheckResponse.up("bucket"))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("bucket").down()
                        .withData("error", failure.getClass().getSimpleName()).build());
    }
}
