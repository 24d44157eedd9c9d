package dev.lightbox.storage;

import com.oracle.svm.core.annotate.Delete;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * We never use the CRT-based S3 client, but its execution interceptor breaks class initialisation on GraalVM 25
 * (quarkiverse/quarkus-amazon-services#1950, fixed upstream after 3.6.1). Deleting it lets the native build run on
 * GraalVM 25 as well as on the Mandrel 23.1 builder.
 */
@TargetClass(className = "software.amazon.awssdk.services.s3.internal.crt.DefaultS3CrtAsyncClient$AttachHttpAttributesExecutionInterceptor")
@Delete
final class S3CrtInterceptorSubstitution {
}
