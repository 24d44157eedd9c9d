package dev.lightbox.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the auth endpoints; sizes bound what we pass on to Cognito. */
public final class AuthRequests {

    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MAX = 256;
    static final int TOKEN_MAX = 8192;
    static final String CODE = "^[0-9]{6}$";
    static final String CODE_MESSAGE = "must be the 6-digit code we sent";

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

    public record NewPasswordChallenge(
            @NotBlank @Email @Size(max = EMAIL_MAX) String email,
            @NotBlank @Size(max = TOKEN_MAX) String session,
            @NotBlank @Pattern(regexp = "^NEW_PASSWORD_REQUIRED$", message = "must be NEW_PASSWORD_REQUIRED") String challenge,
            @NotBlank @Size(max = PASSWORD_MAX) String newPassword) {
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
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code) {
    }
}
