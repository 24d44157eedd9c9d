package dev.lightbox.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The contract's settings (environment variables {@code LIGHTBOX_*}). */
@ConfigMapping(prefix = "lightbox")
public interface LightboxConfig {

    Cognito cognito();

    /** The bucket holding image bytes. */
    String bucket();

    /** Accept Cognito ID tokens as well as access tokens (web front ends that send ID tokens). */
    boolean acceptIdTokens();

    long maxImageBytes();

    String adminGroup();

    interface Cognito {
        String userPoolId();

        String clientId();

        String issuer();

        /** Endpoint override of the Cognito API (emulators). */
        Optional<String> endpoint();
    }

    /** S3 endpoint override and path-style access, for S3-compatible stores. */
    S3 s3();

    /** PostgreSQL: read through the datasource settings in application.properties. */
    Db db();

    interface S3 {
        Optional<String> endpoint();

        @WithName("path-style")
        boolean pathStyle();
    }

    interface Db {
        String host();

        int port();

        String name();

        String user();

        Optional<String> password();

        /** Reactive connections per instance. */
        int poolMax();

        /** PostgreSQL's sslmode for both clients: disable, prefer, require, verify-ca or verify-full. */
        String sslMode();

        /** The CA bundle the server's certificate must chain to in verify-ca and verify-full (the RDS bundle in the image). */
        String sslRootCert();

        /** How long the migration run ({@code QUARKUS_INIT_AND_EXIT=true}) may take, waiting for another run's lock included. */
        Duration migrationTimeout();
    }

    /** The port of health, metrics and OpenAPI, kept off the public listener. */
    Management management();

    interface Management {
        @WithDefault("9000")
        int port();
    }
}
