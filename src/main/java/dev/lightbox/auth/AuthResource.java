package dev.lightbox.auth;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.lightbox.auth.AbuseLimits.Action;
import dev.lightbox.auth.AuthRequests.ConfirmForgotPassword;
import dev.lightbox.auth.AuthRequests.ConfirmSignUp;
import dev.lightbox.auth.AuthRequests.EmailOnly;
import dev.lightbox.auth.AuthRequests.ChallengeAnswer;
import dev.lightbox.auth.AuthRequests.PasswordlessVerify;
import dev.lightbox.auth.AuthRequests.Refresh;
import dev.lightbox.auth.AuthRequests.SignIn;
import dev.lightbox.auth.AuthRequests.SignUp;
import dev.lightbox.auth.AuthResponses.CodeChallenge;
import dev.lightbox.auth.AuthResponses.CodeMismatch;
import dev.lightbox.auth.AuthResponses.SignInResult;
import dev.lightbox.auth.AuthResponses.SignUpResult;
import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.problem.Problem;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.problem.ProblemResponses;
import dev.lightbox.security.ClientAddress;
import dev.lightbox.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The contract's /api/auth endpoints: Cognito's user-pool API for clients without an AWS SDK. */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AuthResource {

    private final AuthService auth;
    private final PasswordlessSignIn passwordless;
    private final AbuseLimits limits;
    private final CurrentUser currentUser;
    private final ClientAddress clientAddress;

    public AuthResource(AuthService auth, PasswordlessSignIn passwordless, AbuseLimits limits, CurrentUser currentUser,
            ClientAddress clientAddress) {
        this.auth = auth;
        this.passwordless = passwordless;
        this.limits = limits;
        this.currentUser = currentUser;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/sign-up")
    @ResponseStatus(201)
    public Uni<SignUpResult> signUp(@NotNull @Valid SignUp request, @Context HttpServerRequest http) {
        limits.check(Action.SIGN_UP, request.email(), clientAddress.of(http));
        return auth.signUp(request);
    }

    @POST
    @Path("/confirm-sign-up")
    public Uni<Void> confirmSignUp(@NotNull @Valid ConfirmSignUp request, @Context HttpServerRequest http) {
        limits.check(Action.CONFIRM_CODE, request.email(), clientAddress.of(http));
        return auth.confirmSignUp(request);
    }

    @POST
    @Path("/resend-code")
    @ResponseStatus(202)
    public Uni<Void> resendCode(@NotNull @Valid EmailOnly request, @Context HttpServerRequest http) {
        limits.check(Action.RESEND_CODE, request.email(), clientAddress.of(http));
        return auth.resendCode(request.email());
    }

    @POST
    @Path("/sign-in")
    public Uni<SignInResult> signIn(@NotNull @Valid SignIn request, @Context HttpServerRequest http) {
        limits.check(Action.SIGN_IN, request.email(), clientAddress.of(http));
        return auth.signIn(request);
    }

    /**
     * Completes a sign-in that answered with a challenge: a new password for an invited user, or the authenticator
     * app's code (401 auth.code_mismatch with the session to try again; the password was already right).
     */
    @POST
    @Path("/challenge")
    public Uni<SignInResult> challenge(@NotNull @Valid ChallengeAnswer request, @Context HttpServerRequest http) {
        request.missingAnswer().ifPresent(missing -> {
            throw ProblemException.invalid("This challenge needs its answer.", List.of(missing));
        });
        if (AuthRequests.SOFTWARE_TOKEN_MFA.equals(request.challenge())) {
            limits.check(Action.MFA_CODE, request.email(), clientAddress.of(http));
            return auth.answerSoftwareTokenMfa(request);
        }
        return auth.answerNewPassword(request);
    }

    @POST
    @Path("/refresh")
    public Uni<SignInResult> refresh(@NotNull @Valid Refresh request) {
        return auth.refresh(request.refreshToken());
    }

    /** Takes no body: any or none is accepted. */
    @POST
    @Path("/sign-out")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    public Uni<Void> signOut() {
        return auth.signOutEverywhere(Operation.SIGN_OUT, currentUser.id(), currentUser.cognitoUsername());
    }

    @POST
    @Path("/forgot-password")
    @ResponseStatus(202)
    public Uni<Void> forgotPassword(@NotNull @Valid EmailOnly request, @Context HttpServerRequest http) {
        limits.check(Action.FORGOT_PASSWORD, request.email(), clientAddress.of(http));
        return auth.forgotPassword(request.email());
    }

    @POST
    @Path("/confirm-forgot-password")
    public Uni<Void> confirmForgotPassword(@NotNull @Valid ConfirmForgotPassword request, @Context HttpServerRequest http) {
        limits.check(Action.CONFIRM_CODE, request.email(), clientAddress.of(http));
        return auth.confirmForgotPassword(request);
    }

    @POST
    @Path("/passwordless/start")
    public Uni<CodeChallenge> startPasswordless(@NotNull @Valid EmailOnly request, @Context HttpServerRequest http) {
        limits.check(Action.PASSWORDLESS, request.email(), clientAddress.of(http));
        return passwordless.start(request.email());
    }

    @POST
    @Path("/passwordless/verify")
    public Uni<SignInResult> verifyPasswordless(@NotNull @Valid PasswordlessVerify request, @Context HttpServerRequest http) {
        limits.check(Action.PASSWORDLESS, request.email(), clientAddress.of(http));
        return passwordless.verify(request);
    }

    @ServerExceptionMapper
    public RestResponse<CodeMismatch> wrongCode(AuthService.WrongCode wrongCode) {
        return RestResponse.ResponseBuilder.<CodeMismatch>create(401).entity(CodeMismatch.of(wrongCode.next())).type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE).build();
    }
}
