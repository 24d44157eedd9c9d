package dev.lightbox.quota;

/** A user's usage and the limits that apply to it, as {@code GET /api/users/me} and the admin quota endpoint show them. */
public record QuotaReport(Usage usage, Limits quota) {

    public record Usage(long bytes, long images) {
    }

    public record Limits(long maxBytes, long maxImages) {
    }
}
