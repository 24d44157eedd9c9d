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
 * stays under a few KiB. Vert.x's BodyHandler reads each API body up to {@code lightbox.http.max-json-body} and answers
 * 413 as soon as the declared length or the bytes received pass it, before anything is parsed; Quarkus REST then reads
 * the body already in memory. The streamed image upload is the one route that takes image-sized bodies.
 */
@ApplicationScoped
public class JsonBodyLimit {

    private final BodyHandler bodyHandler;

    public JsonBodyLimit(HttpConfig config) {
        this.bodyHandler = BodyHandler.create(false).setBodyLimit(config.maxJsonBody().asLongValue()).setHandleFileUploads(false);
    }

    void install(@Observes Router router) {
        // Right after Quarkus' own check of the declared length against quarkus.http.limits.max-body-size.
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        boolean streamedUpload = context.request().method() == HttpMethod.POST && "/api/images".equals(context.normalizedPath());
        if (streamedUpload || !hasBody(context.request())) {
            context.next();  // Quarkus REST reads an empty pre-read body as "not read yet", and would wait for one
        } else {
            bodyHandler.handle(context);
        }
    }

    /** HTTP/1.1 declares a body by its length or chunked encoding; an HTTP/2 request without one has not ended. */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || request.version() == HttpVersion.HTTP_2 && !request.isEnded();
    }
}
