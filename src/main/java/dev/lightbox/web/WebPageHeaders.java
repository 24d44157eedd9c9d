package dev.lightbox.web;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.lightbox.config.LightboxConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers for the web app's files (everything outside {@code /api/} and {@code /q/}). The policy allows only
 * the service's own scripts, styles and fonts, no inline code, no framing, and images from the service and from the
 * bucket's origins (presigned URLs), plus {@code blob:} for previews of files about to be uploaded.
 */
@ApplicationScoped
public class WebPageHeaders {

    private final Map<String, String> headers;

    public WebPageHeaders(LightboxConfig config, @ConfigProperty(name = "aws.region") String region) {
        String imageOrigins = String.join(" ", ImageOrigin.of(config.s3().endpoint(), config.bucket(), region, config.s3().pathStyle()));
        this.headers = Map.of(
                "Content-Security-Policy", contentSecurityPolicy(imageOrigins),
                "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY",
                "Referrer-Policy", "no-referrer",
                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
                "Cross-Origin-Opener-Policy", "same-origin",
                "Cross-Origin-Resource-Policy", "same-origin",
                // The files have no content hashes in their names: revalidate, so that a deploy is seen at once.
                "Cache-Control", "no-cache");
    }

    private static String contentSecurityPolicy(String imageOrigins) {
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' blob: " + imageOrigins,
                "font-src 'self'",
                "connect-src 'self'",
                "manifest-src 'self'",
                "form-action 'self'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
                "require-trusted-types-for 'script'",
                "trusted-types 'none'");
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::addHeaders);
    }

    private void addHeaders(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.startsWith("/api/") && !path.startsWith("/q/") && !path.equals("/api") && !path.equals("/q")) {
            context.addHeadersEndHandler(ignored -> {
                MultiMap response = context.response().headers();
                headers.forEach(response::set);
                if ("https".equals(context.request().scheme())) {
                    response.set("Strict-Transport-Security", "max-age=31536000");
                }
            });
        }
        context.next();
    }
}
