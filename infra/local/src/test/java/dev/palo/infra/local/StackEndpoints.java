package dev.palo.infra.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Where the embedded stack listens, read from the variables {@code ./palo} exports, with the same defaults
 * as {@code infra/local/stack.sh} so a plain {@code mvn verify} after {@code ./palo up} finds it too.
 */
final class StackEndpoints {
    static final String TEMPORAL_ADDRESS = env("PALO_TEMPORAL_ADDRESS", "127.0.0.1:7233");
    static final String S3_ENDPOINT = env("PALO_S3_ENDPOINT", "http://127.0.0.1:9000");
    static final String S3_ACCESS_KEY = env("PALO_S3_ACCESS_KEY", "palo");
    static final String S3_SECRET_KEY = env("PALO_S3_SECRET_KEY", "palo-local-secret");
    static final String MLFLOW_URI = env("PALO_MLFLOW_URI", "http://127.0.0.1:5000");
    static final String KAFKA_BOOTSTRAP = env("PALO_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    static final String PLATFORM_BUCKET = "palo";
    static final String MLFLOW_BUCKET = "mlflow";

    private StackEndpoints() {
    }

    /** Fails (never skips) with the fix when a server of the stack does not accept connections. */
    static void requireListening(String part, String hostPort) {
        URI uri = URI.create(hostPort.contains("://") ? hostPort : "tcp://" + hostPort);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        } catch (IOException e) {
            fail(part + " is not reachable at " + hostPort + " (" + e.getMessage()
                    + "): start the embedded stack with ./palo up, or run the tests with ./palo test");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
