package dev.palo.activities.storage;

import java.net.URI;

/** Bucket and key of an {@code s3://bucket/key} uri. */
record S3Location(String bucket, String key) {
    static S3Location parse(String uri) {
        URI parsed = URI.create(uri);
        String key = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
        if (!"s3".equals(parsed.getScheme()) || parsed.getHost() == null || key.isEmpty()) {
            throw new IllegalArgumentException("not an s3://bucket/key uri: " + uri);
        }
        return new S3Location(parsed.getHost(), key);
    }

    String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
