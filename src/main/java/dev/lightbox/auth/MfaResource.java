package dev.lightbox.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.lightbox.auth.AbuseLimits.Action;
import dev.lightbox.auth.AuthRequests.AuthenticatorCode;
import dev.lightbox.auth.AuthRequests.MfaChoice;
import dev.lightbox.auth.AuthResponses.AuthenticatorSetup;
import dev.lightbox.security.ClientAddress;
import dev.lightbox.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * A signed-in user's second factor: set up an authenticator app, confirm it with a first code (which turns MFA on),
 * and turn MFA on or off. Whether it is on shows as {@code mfaEnabled} in /api/users/me.
 */
@Path("/api/auth/mfa")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MfaResource {

    private final MfaService mfa;
    private final CurrentUser currentUser;
    private final JsonWebToken token;
    private final AbuseLimits limits;
    private final ClientAddress clientAddress;

    public MfaResource(MfaService mfa, CurrentUser currentUser, JsonWebToken token, AbuseLimits limits,
            ClientAddress clientAddress) {
        this.mfa = mfa;
        this.currentUser = currentUser;
        this.token = token;
        this.limits = limits;
        this.clientAddress = clientAddress;
    }

    /** 200 {"secret","otpauthUri"}: show the URI as a QR code, or the secret for typing in. */
    @POST
    @Path("/totp")
    @Consumes(MediaType.WILDCARD)
    public Uni<AuthenticatorSetup> setUp() {
        return mfa.setUp(token.getRawToken(), currentUser.cognitoUsername());
    }

    /** 204 and MFA is on; 400 auth.code_mismatch for a wrong code; 409 mfa.not_enrolled without a setup first. */
    @POST
    @Path("/totp/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Void> confirm(@NotNull @Valid AuthenticatorCode request, @Context HttpServerRequest http) {
        limits.check(Action.MFA_CODE, currentUser.id(), clientAddress.of(http));
        return mfa.confirm(token.getRawToken(), request.code(), request.deviceName());
    }

    /** 204; turning it on needs a confirmed app (409 mfa.not_enrolled otherwise). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Void> choose(@NotNull @Valid MfaChoice choice) {
        return mfa.setEnabled(token.getRawToken(), choice.enabled());
    }
}
