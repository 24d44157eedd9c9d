package dev.lightbox.reliability;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.lightbox.problem.Problem;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.problem.ProblemResponses;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Every call to PostgreSQL, S3 or Cognito goes through here: a deadline per call and a circuit breaker per dependency
 * (SmallRye Fault Tolerance), so that a frozen dependency costs each request at most its deadline and, once the
 * breaker opens, nothing at all. Both answer the client 503 with Retry-After. The result comes back on the caller's
 * Vert.x context, where Hibernate Reactive sessions and request state live.
 */
@ApplicationScoped
public class DependencyGuards {

    private static final Logger LOG = Logger.getLogger(DependencyGuards.class);
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final Map<Dependency, Guard> guards = new EnumMap<>(Dependency.class);
    private final Map<Dependency, Duration> retryAfter = new EnumMap<>(Dependency.class);

    public DependencyGuards(DependencyConfig config) {
        for (Dependency dependency : Dependency.values()) {
            DependencyConfig.Limits limits = config.of(dependency);
            guards.put(dependency, Guard.create()
                    .withDescription(dependency.name())
                    .withTimeout().duration(limits.deadline().toMillis(), ChronoUnit.MILLIS).done()
                    .withCircuitBreaker()
                    .name("lightbox-" + dependency.name().toLowerCase())
                    .requestVolumeThreshold(limits.breakerWindow())
                    .failureRatio(limits.breakerFailureRatio())
                    .delay(limits.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .when(DependencyGuards::isOutage)
                    .onPrevented(() -> LOG.debugf("%s: circuit open, answering 503 at once", dependency))
                    .done()
                    .build());
            retryAfter.put(dependency, limits.breakerDelay());
        }
    }

    /** Runs {@code call} (subscribed lazily) within the dependency's deadline and breaker. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(Dependency dependency, Supplier<Uni<T>> call) {
        return CallerContext.resumeOnCaller(() -> {
            Uni<Object> guarded = guards.get(dependency).get((Supplier<Uni<Object>>) (Supplier<?>) call, UNI);
            return (Uni<T>) guarded.onFailure(DependencyGuards::isGuardVerdict)
                    .transform(failure -> unavailable(dependency, failure));
        });
    }

    private ProblemException unavailable(Dependency dependency, Throwable verdict) {
        boolean timedOut = verdict instanceof TimeoutException;
        LOG.warnf("%s %s", dependency, timedOut ? "did not answer within its deadline" : "is failing; circuit open");
        String detail = dependency.subject() + (timedOut ? " did not answer in time" : " is unavailable") + "; try again shortly.";
        return new ProblemException(Problem.of(503, "dependency.unavailable", detail), retryAfter.get(dependency), verdict);
    }

    private static boolean isGuardVerdict(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof CircuitBreakerOpenException;
    }

    /** What counts against a breaker: the dependency not answering, not a client's bad request. */
    private static boolean isOutage(Throwable failure) {
        return failure instanceof TimeoutException || ProblemResponses.isDependencyDown(failure);
    }
}
