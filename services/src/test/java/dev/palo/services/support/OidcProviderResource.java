package dev.palo.services.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real OIDC provider for the dashboard's sign-in: mock-oauth2-server (discovery, JWKS, an interactive login page,
 * token endpoint) in a JVM of its own, with its own classpath (module palo-testing-oidc-server), on 127.0.0.1. The app
 * under test is configured as its production deployment would be: the sign-in names the issuer and client, and the
 * bearer verification takes the issuer and its JWKS URL.
 */
public class OidcProviderResource implements QuarkusTestResourceLifecycleManager {
    public static final String PROVIDER_NAME = "Mock OIDC";
    private static final String MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private ChildJvm server;

    @Override
    public Map<String, String> start() {
        try {
            Path classpathFile = Path.of(System.getProperty("palo.it.oidc-server-classpath",
                    "../testing/oidc-server/target/oidc-server.classpath"));
            if (!Files.exists(classpathFile)) {
                throw new IllegalStateException(classpathFile + " is missing: build module testing/oidc-server first"
                        + " (mvn -pl services -am ...)");
            }
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            server = ChildJvm.start(Files.readString(classpathFile).strip(), MAIN, List.of(), "256m",
                    Path.of("target", "oidc-server.log"), Map.of("SERVER_HOSTNAME", "127.0.0.1",
                            "SERVER_PORT", Integer.toString(port), "JSON_CONFIG", "{\"interactiveLogin\": true}"));
            String issuer = "http://127.0.0.1:" + port + "/palo-it";
            awaitDiscovery(issuer);
            return Map.of("palo.auth.oidc.issuer", issuer, "palo.auth.oidc.client-id", "palo-dashboard",
                    "palo.auth.oidc.provider-name", PROVIDER_NAME,
                    "mp.jwt.verify.publickey.location", issuer + "/jwks", "mp.jwt.verify.issuer", issuer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitDiscovery(String issuer) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (true) {
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!server.alive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the OIDC provider did not serve " + discovery.uri() + " within "
                        + STARTUP + "; its log:\n" + server.output());
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
