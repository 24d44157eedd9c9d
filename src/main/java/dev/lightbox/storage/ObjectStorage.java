package dev.lightbox.storage;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.aws.AwsCalls;
import dev.lightbox.config.LightboxConfig;
import dev.lightbox.reliability.Dependency;
import dev.lightbox.reliability.DependencyGuards;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The image bucket. Every request runs within the storage deadline and breaker, and every {@code Uni} returned here
 * completes on the Vert.x context it was subscribed on ({@link DependencyGuards}), so callers may touch their
 * Hibernate Reactive session afterwards.
 */
@ApplicationScoped
public class ObjectStorage {

    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final DependencyGuards guards;
    private final SignedUrlCache signedUrls;

    public ObjectStorage(S3AsyncClient s3, S3Presigner presigner, LightboxConfig config, DependencyGuards guards,
            StorageConfig storageConfig) {
        this.s3 = s3;
        this.guards = guards;
        this.signedUrls = new SignedUrlCache(storageConfig.urlReuse());
        this.presigner = presigner;
        this.bucket = config.bucket();
    }

    public record ObjectInfo(long size, String contentType) {
    }

    public record PresignedUrl(String url, Instant expiresAt, Map<String, String> headers) {
    }

    /**
     * A GET URL for the object, valid for at least {@code ttl}; presigning is local computation, no request to S3, and
     * a recent URL for the same key is reused ({@link SignedUrlCache}).
     */
    public PresignedUrl presignGet(String key, Duration ttl) {
        return signedUrls.get(key, ttl, validity -> sign(key, validity));
    }

    private PresignedUrl sign(String key, Duration ttl) {
        var presigned = presigner.presignGetObject(request -> request.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
        return new PresignedUrl(presigned.url().toString(), presigned.expiration(), Map.of());
    }

    /**
     * A PUT URL that S3 honours only with exactly this {@code Content-Type} and {@code Content-Length}: both are signed
     * headers, which the client must send as {@link PresignedUrl#headers()} says.
     */
    public PresignedUrl presignPut(String key, String contentType, long contentLength, Duration ttl) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request.signatureDuration(ttl)
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength)));
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(canonicalHeaderName(name), String.join(",", values));
            }
        });
        return new PresignedUrl(presigned.url().toString(), presigned.expiration(), headers);
    }

    /** Size and type of the object, or empty when there is none. */
    public Uni<Optional<ObjectInfo>> head(String key) {
        return call(() -> s3.headObject(request -> request.bucket(bucket).key(key)))
                .map(response -> Optional.of(new ObjectInfo(response.contentLength(), response.contentType())))
                .onFailure(ObjectStorage::isMissing).recoverWithItem(Optional.empty());
    }

    /** At most the first {@code length} bytes of the object (a ranged GET). */
    public Uni<byte[]> readPrefix(String key, int length) {
        return call(() -> s3.getObject(request -> request.bucket(bucket).key(key).range("bytes=0-" + (length - 1)),
                AsyncResponseTransformer.toBytes()))
                .map(response -> response.asByteArray());
    }

    /** The whole object, in memory: for originals, which are at most {@code lightbox.max-image-bytes}. */
    public Uni<byte[]> read(String key) {
        return call(() -> s3.getObject(request -> request.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
                .map(response -> response.asByteArray());
    }

    public Uni<Void> put(String key, String contentType, byte[] bytes, int length) {
        return call(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType)
                .contentLength((long) length).checksumCRC32(crc32(bytes, length)),
                AsyncRequestBody.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length)))).replaceWithVoid();
    }

    public Uni<Void> copy(String fromKey, String toKey) {
        return call(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey(fromKey)
                .destinationBucket(bucket).destinationKey(toKey))).replaceWithVoid();
    }

    /** Deletes the object; deleting one that is not there succeeds, as in S3. */
    public Uni<Void> delete(String key) {
        return call(() -> s3.deleteObject(request -> request.bucket(bucket).key(key))).replaceWithVoid();
    }

    public Uni<Void> headBucket() {
        return call(() -> s3.headBucket(request -> request.bucket(bucket))).replaceWithVoid();
    }

    Uni<String> startMultipart(String key, String contentType) {
        return call(() -> s3.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType(contentType)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)))
                .map(response -> response.uploadId());
    }

    Uni<CompletedPart> uploadPart(String key, String uploadId, int partNumber, byte[] bytes, int length) {
        String checksum = crc32(bytes, length);
        return call(() -> s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(partNumber).contentLength((long) length).checksumCRC32(checksum),
                AsyncRequestBody.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length))))
                .map(response -> CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).checksumCRC32(checksum).build());
    }

    Uni<Void> completeMultipart(String key, String uploadId, List<CompletedPart> parts) {
        return call(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)))).replaceWithVoid();
    }

    Uni<Void> abortMultipart(String key, String uploadId) {
        return call(() -> s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)))
                .replaceWithVoid();
    }

    /** Starts an upload of unknown length that keeps at most one part in memory. */
    public StreamingObjectWriter streamTo(String key, String contentType) {
        return new StreamingObjectWriter(this, key, contentType);
    }

    /**
     * We send our own CRC32 with every body: S3 checks it, and it keeps the SDK (2.30+) from adding its default
     * trailing checksum with aws-chunked encoding, which S3-compatible stores such as S3Proxy 4.1 refuse (400).
     */
    private static String crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value });
    }

    private static boolean isMissing(Throwable failure) {
        return failure instanceof NoSuchKeyException || failure instanceof S3Exception s3 && s3.statusCode() == 404;
    }

    private static String canonicalHeaderName(String name) {
        return switch (name.toLowerCase()) {
            case "content-type" -> "Content-Type";
            case "content-length" -> "Content-Length";
            default -> name;
        };
    }

    private <T> Uni<T> call(Supplier<CompletableFuture<T>> request) {
        return guards.call(Dependency.STORAGE, () -> AwsCalls.send(request));
    }
}
