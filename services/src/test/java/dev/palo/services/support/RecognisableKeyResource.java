package dev.palo.services.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the app's worker a secret with a recognisable, fresh value, mounted as a file the way Kubernetes mounts
 * secrets ({@code palo.secrets.dir}), and bound to a port on which the test itself serves the endpoint.
 */
public class RecognisableKeyResource implements QuarkusTestResourceLifecycleManager {
    public static final String SECRET = "palo-recognisable-key";
    /** Config the test reads: the port its endpoint must listen on. */
    public static final String ENDPOINT_PORT = "palo.it.recognisable-endpoint-port";

    @Override
    public Map<String, String> start() {
        try {
            Path secrets = Files.createTempDirectory("palo-it-secrets");
            Files.writeString(secrets.resolve(SECRET), "sk-recognisable-" + UUID.randomUUID());
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            return Map.of("palo.secrets.dir", secrets.toString(), ENDPOINT_PORT, Integer.toString(port),
                    // the test profile's own binding stays: other tests' expectations name it
                    "palo.secrets.bindings", "palo-it-key=http://127.0.0.1:9;" + SECRET + "=http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
