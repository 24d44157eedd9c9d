package dev.lightbox.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.config.HttpConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, as the nearest trusted proxy saw it, for per-address limits. Behind an ALB or an
 * ingress, the client writes the start of {@code X-Forwarded-For} and each proxy appends the address it received the
 * request from; only the entries our own proxies appended can be believed. With {@code n} trusted hops the client is
 * the n-th entry from the end. With none (direct exposure, dev mode, tests) it is the TCP peer.
 */
@ApplicationScoped
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final int trustedProxyHops;

    public ClientAddress(HttpConfig config) {
        this.trustedProxyHops = config.trustedProxyHops();
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return of(peer, request.headers().getAll(FORWARDED_FOR));
    }

    String of(String peer, List<String> forwardedForHeaders) {
        if (trustedProxyHops == 0) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedForHeaders) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    chain.add(entry.trim());
                }
            }
        }
        if (chain.isEmpty()) {
            return peer;  // not through our proxy at all: the peer is all we know
        }
        // Fewer entries than hops: the request skipped an outer proxy, and the first entry is the oldest we have.
        return chain.get(Math.max(0, chain.size() - trustedProxyHops));
    }
}
