/**
 * The local stack: real PostgreSQL, S3Proxy and a Cognito emulator on 127.0.0.1, started by dev mode (through
 * {@link dev.lightbox.localstack.LocalStackConfigSourceFactory}) and by the test suite. The build moves this package
 * out of the classes folder before packaging, so it never reaches the jar or the native binary.
 */
package dev.lightbox.localstack;
