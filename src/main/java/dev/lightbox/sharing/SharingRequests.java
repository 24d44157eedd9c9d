package dev.lightbox.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.lightbox.image.ImageView;

/** Bodies of the sharing operations. */
public final class SharingRequests {

    private SharingRequests() {
    }

    /** {@code POST /api/images/{id}/grants}: exactly one of a user (username or id) and a group. */
    public record GrantRequest(@Size(min = 1, max = 64) String user, @Size(min = 1, max = 128) String group) {
    }

    /** A grant as its image's owner sees it: to a user ({@code userId}, {@code username}) or to a {@code group}. */
    public record GrantView(UUID id, UUID imageId, String userId, String username, String group, String grantedBy,
            Instant createdAt) {
    }

    public record GrantPage(List<GrantView> items, String nextCursor) {
    }

    /** {@code POST /api/images/{id}/links}; both optional (default lifetime, unlimited opens). */
    public record LinkRequest(@Positive Long expiresInSeconds, @Positive @Max(1_000_000) Integer maxOpens) {
    }

    /** {@code active}, or why the link no longer opens. */
    public enum LinkStatus {
        ACTIVE, EXPIRED, EXHAUSTED, REVOKED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record LinkView(UUID id, UUID imageId, Instant createdAt, Instant expiresAt, Integer maxOpens, int opens,
            Instant revokedAt, LinkStatus status) {
    }

    /** The answer to creating a link: the only time its secret is shown. The web app opens it at {@code /#/link/{secret}}. */
    public record CreatedLink(LinkView link, String secret) {
    }

    public record LinkPage(List<LinkView> items, String nextCursor) {
    }

    /** {@code POST /api/links/open}: the secret in a request body, never in a URL that logs and referrers keep. */
    public record OpenRequest(@NotBlank @Size(max = 200) String secret) {
    }

    /** What a link holder gets: the image (its {@code url} short-lived) and how long the link still works. */
    public record OpenedLink(ImageView image, Instant linkExpiresAt, Integer opensLeft) {
    }
}
