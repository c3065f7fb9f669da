package dev.palo.activities.support;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bucket of its own on the embedded stack's object store, for a test whose workers must find nothing of other
 * runs (no stage cache entry, no translation cache): workers given {@link #workerEnv()} write there. Emptied and
 * removed on close.
 */
public final class ScratchBucket implements AutoCloseable {
    private final S3Settings settings;
    private final MinioClient client;

    private ScratchBucket(S3Settings settings, MinioClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** Creates bucket {@code name} (S3 rules: lower case, digits and hyphens) beside the stack's own. */
    public static ScratchBucket create(EmbeddedStack stack, String name) throws Exception {
        S3Settings base = stack.s3;
        S3Settings settings = new S3Settings(base.endpoint(), base.region(), base.accessKey(), base.secretKey(), name);
        MinioClient client = MinioClient.builder().endpoint(base.endpoint()).region(base.region())
                .credentials(base.accessKey(), base.secretKey()).build();
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(name).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(name).build());
        }
        return new ScratchBucket(settings, client);
    }

    public String name() {
        return settings.bucket();
    }

    public MinioObjectStore store() {
        return new MinioObjectStore(settings);
    }

    /** What a worker process needs besides the stack's variables to keep its artifacts here. */
    public Map<String, String> workerEnv() {
        return Map.of(S3Settings.BUCKET, settings.bucket());
    }

    /** Deletes every object under {@code prefix}; returns how many. */
    public int deletePrefix(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(settings.bucket()).prefix(prefix)
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        for (String key : keys) {
            client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
        }
        return keys.size();
    }

    /** Best effort: a bucket left behind costs disk space, not a result, so it only says so. */
    @Override
    public void close() {
        try {
            deletePrefix("");
            client.removeBucket(RemoveBucketArgs.builder().bucket(settings.bucket()).build());
        } catch (Exception e) {
            System.err.println("could not remove scratch bucket " + settings.bucket() + ": " + e);
        }
    }
}
