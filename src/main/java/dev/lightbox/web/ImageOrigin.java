package dev.lightbox.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The origins that presigned image URLs may point at, as the S3 client addresses the bucket: the pages'
 * Content-Security-Policy must allow them in {@code img-src}. Path-style puts the bucket in the path; virtual-hosted
 * style (AWS's default) puts it in front of the host name.
 */
final class ImageOrigin {

    private ImageOrigin() {
    }

    static List<String> of(Optional<String> endpointOverride, String bucket, String region, boolean pathStyle) {
        Optional<String> override = endpointOverride.filter(value -> !value.isBlank());
        if (override.isPresent()) {
            return List.of(origin(URI.create(override.get()), bucket, pathStyle));
        }
        String regional = origin(URI.create("https://s3." + region + ".amazonaws.com"), bucket, pathStyle);
        // In us-east-1 the SDK uses the global endpoint unless AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional: allow both.
        return region.equals("us-east-1")
                ? List.of(origin(URI.create("https://s3.amazonaws.com"), bucket, pathStyle), regional)
                : List.of(regional);
    }

    private static String origin(URI endpoint, String bucket, boolean pathStyle) {
        String host = pathStyle ? endpoint.getHost() : bucket + "." + endpoint.getHost();
        return endpoint.getScheme() + "://" + host + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
    }
}
