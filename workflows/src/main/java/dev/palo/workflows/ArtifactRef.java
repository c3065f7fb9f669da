package dev.palo.workflows;

import java.util.Objects;

/**
 * Claim check for data in the object store: workflows carry this, never the data itself.
 *
 * @param uri         object location, {@code s3://bucket/key}
 * @param sha256      hex digest of the object's bytes
 * @param size        bytes
 * @param mediaType   e.g. {@code application/json}
 * @param recordCount records inside (LLaVA samples, lines…), or 0 when not a record file
 */
public record ArtifactRef(String uri, String sha256, long size, String mediaType, long recordCount) {
    public ArtifactRef {
        Objects.requireNonNull(uri, "artifact uri");
        Objects.requireNonNull(sha256, "artifact sha256");
        Objects.requireNonNull(mediaType, "artifact mediaType");
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("artifact uri must start with s3://, got " + uri);
        }
        if (size < 0 || recordCount < 0) {
            throw new IllegalArgumentException("artifact size and recordCount must be >= 0: " + uri);
        }
    }
}
