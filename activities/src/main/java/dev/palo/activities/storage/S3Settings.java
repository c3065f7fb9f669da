package dev.palo.activities.storage;

import java.util.Map;

/**
 * Where the object store is and how to sign in. Read from the environment so that credentials
 * never travel through workflow inputs.
 *
 * @param endpoint  e.g. {@code http://127.0.0.1:9000}
 * @param region    signing region (S3-compatible servers accept the default)
 * @param accessKey access key id
 * @param secretKey secret key; excluded from {@link #toString()}
 * @param bucket    default bucket for new artifacts
 */
public record S3Settings(String endpoint, String region, String accessKey, String secretKey, String bucket) {
    public static final String ENDPOINT = "PALO_S3_ENDPOINT";
    public static final String REGION = "PALO_S3_REGION";
    public static final String ACCESS_KEY = "PALO_S3_ACCESS_KEY";
    public static final String SECRET_KEY = "PALO_S3_SECRET_KEY";
    public static final String BUCKET = "PALO_S3_BUCKET";

    /** Local defaults match {@code ./palo up}; production sets every variable. */
    public static S3Settings fromEnvironment(Map<String, String> env) {
        return new S3Settings(
                env.getOrDefault(ENDPOINT, "http://127.0.0.1:9000"),
                env.getOrDefault(REGION, "us-east-1"),
                env.getOrDefault(ACCESS_KEY, "palo"),
                env.getOrDefault(SECRET_KEY, "palo-local-secret"),
                env.getOrDefault(BUCKET, "palo"));
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
    }
}
