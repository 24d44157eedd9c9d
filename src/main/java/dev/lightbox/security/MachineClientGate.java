package dev.lightbox.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Machine clients may only read admin data: on any other route (user endpoints, images, uploads, sign-out, writes)
 * their token is refused with 403, never taken for a user's. Unnamed, so Quarkus applies it to every request,
 * JAX-RS or not; which admin reads a scope opens is then up to the endpoint's {@code @RolesAllowed}.
 */
@ApplicationScoped
public class MachineClientGate implements HttpSecurityPolicy {

    private static final String ADMIN_PATHS = "/api/admin/";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.map(caller -> !MachineClientIdentity.isMachine(caller) || readsAdminData(request)
                ? CheckResult.PERMIT : CheckResult.DENY);
    }

    private static boolean readsAdminData(RoutingContext request) {
        HttpMethod method = request.request().method();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD) && request.normalizedPath().startsWith(ADMIN_PATHS);
    }
}
