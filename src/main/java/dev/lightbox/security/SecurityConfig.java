package dev.lightbox.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code lightbox.security.*}. */
@ConfigMapping(prefix = "lightbox.security")
public interface SecurityConfig {

    /** The longest a user's cached sign-out time is trusted without hearing from the database (see SignOutTimes). */
    Duration signOutCacheTtl();

    /** The most verified bearer tokens kept in memory until they expire (see VerifiedTokenCache); a few KB each. */
    long verifiedTokenCacheSize();
}
