package dev.lightbox.auth;

import jakarta.validation.constraints.Email;
import java.util.Optional;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.lightbox.problem.Problem;

/** Bodies of the auth endpoints; sizes bound what we pass on to Cognito. */
public final class AuthRequests {

    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MAX = 256;
    static final int TOKEN_MAX = 8192;
    static final String CODE = "^[0-9]{6}$";
    static final String CODE_MESSAGE = "must be the 6-digit code we sent";
    /** Emailed sign-in codes: 6 digits from our triggers, 8 from Cognito's own EMAIL_OTP. */
    static final String EMAILED_SIGN_IN_CODE = "^[0-9]{6,8}$";
    static final String AUTHENTICATOR_CODE_MESSAGE = "must be the 6-digit code your authenticator app shows";
    public static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";
    public static final String SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA";

    private AuthRequests() {
    }

    public record SignUp(
            @NotBlank @Email @Size(max = EMAIL_MAX) String email,
            @NotBlank @Size(max = PASSWORD_MAX) String password,
            @Size(min = 1, max = 100) String name) {
    }

    public record ConfirmSignUp(
            @NotBlank @Email @Size(max = EMAIL_MAX) String email,
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code) {
    }

    public record EmailOnly(@NotBlank @Email @Size(max = EMAIL_MAX) String email) {
    }

    public record SignIn(
            @NotBlank @Email @Size(max = EMAIL_MAX) String email,
            @NotBlank @Size(max = PASSWORD_MAX) String password) {
    }

    /**
     * The answer to a sign-in challenge: {@code newPassword} for NEW_PASSWORD_REQUIRED, {@code code} (from the
     * authenticator app) for SOFTWARE_TOKEN_MFA.
     */
    public record ChallengeAnswer(
            @NotBlank @Email @Size(max = EMAIL_MAX) String email,
            @NotBlank @Size(max = TOKEN_MAX) String session,
            @NotBlank @Pattern(regexp = "^(NEW_PASSWORD_REQUIRED|SOFTWARE_TOKEN_MFA)$",
                    message = "must be NEW_PASSWORD_REQUIRED or SOFTWARE_TOKEN_MFA") String challenge,
            @Size(min = 1, max = PASSWORD_MAX) String newPassword,
            @Pattern(regexp = CODE, message = AUTHENTICATOR_CODE_MESSAGE) String code) {

        /** The field this challenge needs, if it is missing. */
        Optional<Problem.FieldError> missingAnswer() {
            if (SOFTWARE_TOKEN_MFA.equals(challenge)) {
                return code == null ? Optional.of(new Problem.FieldError("code", AUTHENTICATOR_CODE_MESSAGE)) : Optional.empty();
            }
            return newPassword == null ? Optional.of(new Problem.FieldError("newPassword", "must not be blank")) : Optional.empty();
        }
    }

    public record Refresh(@NotBlank @Size(max = TOKEN_MAX) String refreshToken) {
    }

    public record ConfirmForgotPassword(
            @NotBlank @Email @Size(max = EMAIL_MAX) String email,
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = PASSWORD_MAX) String newPassword) {
    }

    public record PasswordlessVerify(
            @NotBlank @Email @Size(max = EMAIL_MAX) String email,
            @NotBlank @Size(max = TOKEN_MAX) String session,
            @NotBlank @Pattern(regexp = EMAILED_SIGN_IN_CODE, message = "must be the code we sent") String code) {
    }

    /** The first code of a newly set-up authenticator app; {@code deviceName} helps the user tell apps apart. */
    public record AuthenticatorCode(
            @NotBlank @Pattern(regexp = CODE, message = AUTHENTICATOR_CODE_MESSAGE) String code,
            @Size(min = 1, max = 64) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String deviceName) {
    }

    public record MfaChoice(@NotNull Boolean enabled) {
    }
}
