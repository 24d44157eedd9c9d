package dev.lightbox.reliability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.lightbox.config.HttpConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * JSON bodies are small: the largest valid request (an image's title and description, every character escaped)
 * stays under a few KiB. Past {@code lightbox.http.max-json-body} an API body is answered 413 before it is parsed:
 * at once when its length is declared, as soon as the bytes received pass it when HTTP/1.1 chunks it. The streamed
 * image upload is the one route that takes image-sized bodies.
 */
@ApplicationScoped
public class JsonBodyLimit {

    private final long maxBytes;
    private final BodyHandler bodyHandler;

    public JsonBodyLimit(HttpConfig config) {
        this.maxBytes = config.maxJsonBody().asLongValue();
        this.bodyHandler = BodyHandler.create(false).setBodyLimit(maxBytes).setHandleFileUploads(false);
    }

    void install(@Observes Router router) {
        // Right after Quarkus' own check of the declared length against quarkus.http.limits.max-body-size.
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (request.method() == HttpMethod.POST && "/api/images".equals(context.normalizedPath())) {
            context.next();
        } else if (length != null) {
            // Declared: refused at once, before a byte of it is read; otherwise Quarkus REST reads it as usual.
            if (declaredLength(length) > maxBytes) {
                context.fail(413);
            } else {
                context.next();
            }
        } else if (request.version() != HttpVersion.HTTP_2 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // Chunked HTTP/1.1: counted while it is read, refused as soon as it passes the limit.
            bodyHandler.handle(context);
        } else {
            // No body, or HTTP/2 data without a declared length: Quarkus REST reads at most its input buffer (sized
            // to the same limit) in memory and refuses more. A body read ahead of it would break HTTP/2 requests.
            context.next();
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
