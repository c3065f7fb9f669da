package dev.palo.activities.storage;

import dev.palo.workflows.ArtifactRef;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ObjectStore} on any S3-compatible server (MinIO in production, S3Proxy locally). */
public final class MinioObjectStore implements ObjectStore {
    private static final String SHA256 = "sha256";
    private static final String RECORDS = "record-count";

    private final MinioClient client;
    private final String bucket;

    public MinioObjectStore(S3Settings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
        this.bucket = settings.bucket();
    }

    /** Fails with a message naming the endpoint when the server or the bucket is missing. */
    public MinioObjectStore requireBucket(String endpoint) throws IOException {
        boolean exists = call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()),
                "reach the object store at " + endpoint);
        if (!exists) {
            throw new IOException("bucket '" + bucket + "' does not exist on " + endpoint);
        }
        return this;
    }

    @Override
    public ArtifactRef put(String key, Path file, String mediaType, long recordCount) throws IOException {
        String sha = Sha256.of(file);
        call(() -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(bucket).object(ObjectKeys.check(key)).filename(file.toString()).contentType(mediaType)
                .userMetadata(metadata(sha, recordCount)).build()), "upload " + uri(key));
        return new ArtifactRef(uri(key), sha, Files.size(file), mediaType, recordCount);
    }

    @Override
    public ArtifactRef put(String key, byte[] content, String mediaType, long recordCount) throws IOException {
        String sha = Sha256.of(content);
        call(() -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(ObjectKeys.check(key)).stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType(mediaType).userMetadata(metadata(sha, recordCount)).build()), "upload " + uri(key));
        return new ArtifactRef(uri(key), sha, content.length, mediaType, recordCount);
    }

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        S3Location location = S3Location.parse(ref.uri());
        return call(() -> client.getObject(GetObjectArgs.builder()
                .bucket(location.bucket()).object(ObjectKeys.check(location.key())).build()), "read " + ref.uri());
    }

    @Override
    public void download(ArtifactRef ref, Path target) throws IOException {
        try (InputStream in = open(ref)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        String actual = Sha256.of(target);
        if (!actual.equals(ref.sha256())) {
            throw new IOException(ref.uri() + " has sha256 " + actual + " but its ref says " + ref.sha256());
        }
    }

    @Override
    public Optional<ArtifactRef> stat(String key) throws IOException {
        try {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(ObjectKeys.check(key)).build());
            Map<String, String> meta = stat.userMetadata();
            String sha = meta.get(SHA256);
            if (sha == null) {
                throw new IOException(uri(key) + " was not written by this store: no sha256 metadata");
            }
            return Optional.of(new ArtifactRef(uri(key), sha, stat.size(), stat.contentType(),
                    Long.parseLong(meta.getOrDefault(RECORDS, "0"))));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new IOException("cannot stat " + uri(key) + ": " + e.getMessage(), e);
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("cannot stat " + uri(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        for (Result<Item> result : client.listObjects(
                ListObjectsArgs.builder().bucket(bucket).prefix(ObjectKeys.checkPrefix(prefix)).recursive(true).build())) {
            keys.add(call(result::get, "list " + uri(prefix)).objectName());
        }
        keys.sort(String::compareTo);
        return keys;
    }

    @Override
    public String uri(String key) {
        return new S3Location(bucket, key).uri();
    }

    private static Map<String, String> metadata(String sha, long recordCount) {
        return Map.of(SHA256, sha, RECORDS, Long.toString(recordCount));
    }

    /** Every failure becomes an IOException that says what was being done, and where. */
    private static <T> T call(MinioCall<T> call, String action) throws IOException {
        try {
            return call.run();
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw new IOException("cannot " + action + ": " + e, e);
        }
    }

    @FunctionalInterface
    private interface MinioCall<T> {
        T run() throws MinioException, GeneralSecurityException, IOException;
    }
}
