package dev.lightbox.reliability;

/** The services Lightbox cannot answer without; each has its own deadline and circuit breaker. */
public enum Dependency {
    DATABASE("The database"),
    STORAGE("Image storage"),
    IDENTITY_PROVIDER("The identity provider");

    private final String subject;

    Dependency(String subject) {
        this.subject = subject;
    }

    /** How a problem detail names it. */
    String subject() {
        return subject;
    }
}
