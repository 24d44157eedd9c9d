package dev.lightbox.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The origin the CSP allows is the one the SDK's presigned URLs really use, for every way the bucket is addressed. */
class ImageOriginTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "none, photos, us-east-1, false",
            "none, photos, eu-west-3, false",
            "none, photos, eu-west-3, true",
            "http://127.0.0.1:9000, lightbox, us-east-1, true",
            "https://minio.example.test, lightbox, eu-central-1, true",
            "https://storage.example.test:8443, lightbox, eu-central-1, false" })
    void matchesTheOriginOfPresignedUrls(String endpoint, String bucket, String region, boolean pathStyle) {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        try (S3Presigner presigner = builder.build()) {
            URI presigned = URI.create(presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(1))
                    .getObjectRequest(get -> get.bucket(bucket).key("public/some-id"))).url().toString());
            String expected = presigned.getScheme() + "://" + presigned.getAuthority();
            var allowed = ImageOrigin.of(Optional.ofNullable(endpoint), bucket, region, pathStyle);
            assertTrue(allowed.contains(expected), expected + " is not among " + allowed);
        }
    }
}
