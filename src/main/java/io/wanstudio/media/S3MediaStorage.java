package io.wanstudio.media;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, Ceph, ...): every instance reads what any one stored, and the
 * provider fetches inputs by presigned GET URLs that stop working after their lifetime.
 */
final class S3MediaStorage implements MediaStorage, AutoCloseable {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(S3MediaStorage.class.getName());
    /** What it takes to reach the bucket; credentials empty: the SDK's default chain (environment, profile, role). */
    record Settings(Optional<URI> endpoint, String bucket, String region, Optional<String> accessKey,
            Optional<String> secretKey, boolean pathStyle) {
    }

    private final String bucket;
    private final S3Client client;
    private final S3Presigner presigner;

    S3MediaStorage(Settings settings) {
        this.bucket = settings.bucket();
        AwsCredentialsProvider credentials = settings.accessKey().isPresent() && settings.secretKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(),
                        settings.secretKey().get()))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration s3 = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        var clientBuilder = S3Client.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(s3).httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                // S3-compatible servers often lack the newer default checksums: send them only where S3 requires
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presignerBuilder = S3Presigner.builder().region(Region.of(settings.region()))
                .credentialsProvider(credentials).serviceConfiguration(s3);
        settings.endpoint().ifPresent(endpoint -> {
            clientBuilder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        });
        this.client = clientBuilder.build();
        this.presigner = presignerBuilder.build();
    }

    /** Makes the bucket when it does not exist yet (a fresh MinIO, a test server). */
    void ensureBucket() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            client.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("The object store did not take " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean copyTo(String key, Path target) throws IOException {
        Path part = Files.createTempFile(target.getParent(), ".s3-", ".part");
        try (var in = client.getObject(r -> r.bucket(bucket).key(key))) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw new IOException("The object store did not give " + key + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public URI providerLink(String key, Duration lifetime) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                .getObjectRequest(r -> r.bucket(bucket).key(key))).url().toString());
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            // a leftover object harms nobody (its key is unguessable); the row and local file go regardless
            LOG.warning("Wan Studio: could not delete " + key + " from the object store: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
