package dev.palo.infra.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The embedded object store: S3Proxy over a folder, listening on 127.0.0.1 only.
 * Creates the platform's buckets before it accepts requests, so clients never race bucket creation.
 * Credentials come from the environment (not the command line, which {@code ps} shows to everyone).
 */
public final class S3ProxyMain {
    static final String ACCESS_KEY_ENV = "PALO_S3_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "PALO_S3_SECRET_KEY";

    private S3ProxyMain() {
    }

    public static void main(String[] argv) throws Exception {
        LauncherArgs args = new LauncherArgs("S3ProxyMain", argv, List.of("dir", "port", "buckets"));
        Path dir = args.path("dir");
        Files.createDirectories(dir);
        BlobStore store = new FilesystemNio2BlobStore(dir.toString());
        for (String bucket : args.text("buckets").split(",")) {
            if (!bucket.isBlank() && !store.containerExists(bucket.strip())) {
                store.createContainer(bucket.strip());
            }
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + args.port("port")))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, requiredEnv(ACCESS_KEY_ENV), requiredEnv(SECRET_KEY_ENV))
                .build();
        proxy.start();
        // ./palo down sends SIGTERM: let uploads in flight finish instead of leaving half-written files
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                System.err.println("S3ProxyMain: stopping the server failed: " + e);
            }
        }));
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("S3ProxyMain: environment variable " + name + " is not set");
        }
        return value;
    }
}
