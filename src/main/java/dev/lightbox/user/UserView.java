package dev.lightbox.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lightbox.quota.QuotaReport;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * A user as /api/users/me and the admin endpoints show it: Cognito's attributes and state plus our profile.
 * {@code mfaEnabled}: sign-in asks for a code from an authenticator app (TOTP) after the password.
 */
public record UserView(String id, String email, boolean emailVerified, String name, String username, List<String> groups,
        String status, boolean enabled, boolean mfaEnabled, Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) QuotaReport.Usage usage,
        @JsonInclude(JsonInclude.Include.NON_NULL) QuotaReport.Limits quota) {

    /** The view with the user's usage and limits, which only {@code GET /api/users/me} shows. */
    UserView with(QuotaReport report) {
        return new UserView(id, email, emailVerified, name, username, groups, status, enabled, mfaEnabled, createdAt,
                report.usage(), report.quota());
    }

    static UserView of(List<AttributeType> attributes, String status, Boolean enabled, boolean mfaEnabled, Instant createdAt,
            List<String> groups, String username) {
        Map<String, String> values = attributes.stream()
                .collect(Collectors.toMap(AttributeType::name, attribute -> attribute.value() == null ? "" : attribute.value(),
                        (first, second) -> second));
        return new UserView(values.get("sub"), values.get("email"), "true".equals(values.get("email_verified")),
                values.get("name"), username, groups, status, !Boolean.FALSE.equals(enabled), mfaEnabled, createdAt, null, null);
    }
}
