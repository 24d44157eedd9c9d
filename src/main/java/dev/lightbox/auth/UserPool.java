package dev.lightbox.auth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.aws.AwsCalls;
import dev.lightbox.config.LightboxConfig;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Dependency;
import dev.lightbox.reliability.DependencyGuards;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * Our user pool and app client, called through the async Cognito client. Every call goes through {@link #call}: its
 * errors become problems by {@link CognitoErrors}, it runs within the identity provider's deadline and breaker, and its
 * result comes back on the caller's Vert.x context ({@link DependencyGuards}).
 */
@ApplicationScoped
public class UserPool {

    private static final Logger LOG = Logger.getLogger(UserPool.class);

    private final CognitoIdentityProviderAsyncClient client;
    private final String poolId;
    private final String clientId;
    private final DependencyGuards guards;

    public UserPool(CognitoIdentityProviderAsyncClient client, LightboxConfig config, DependencyGuards guards) {
        this.client = client;
        this.guards = guards;
        this.poolId = config.cognito().userPoolId();
        this.clientId = config.cognito().clientId();
    }

    public String poolId() {
        return poolId;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Runs one Cognito request. An error the table says to ignore yields a null item, so that an operation can answer
     * the same whether or not the account exists.
     */
    public <T> Uni<T> call(Operation operation, Function<CognitoIdentityProviderAsyncClient, CompletableFuture<T>> request) {
        return guards.call(Dependency.IDENTITY_PROVIDER, () -> AwsCalls.send(() -> request.apply(client)))
                .onFailure().recoverWithUni(error -> CognitoErrors.outcome(operation, error)
                        .map(outcome -> {
                            if (outcome.ignored()) {
                                LOG.debugf("Cognito %s answered as success: %s", operation, CognitoErrors.unwrap(error));
                                return Uni.createFrom().<T>nullItem();
                            }
                            return Uni.createFrom().<T>failure(
                                    new ProblemException(outcome.problem(), outcome.retryAfter(), CognitoErrors.unwrap(error)));
                        })
                        .orElseGet(() -> Uni.createFrom().failure(error)));
    }

    /** A user attribute as Cognito takes it. */
    public static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** The value of the named attribute, or null. */
    public static String attributeValue(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(attribute -> name.equals(attribute.name()))
                .map(AttributeType::value).findFirst().orElse(null);
    }
}
