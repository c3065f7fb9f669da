package dev.palo.services.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A watching CLI outlives an app restart: its reads wait for the app to answer again (a study went on in Temporal
 * meanwhile), and give up with the connection's error once the patience is spent.
 */
class ApiClientRestartTest {

    @Test
    void aReadWaitsForTheAppToAnswerAgain() throws Exception {
        int port = freePort();
        ApiClient client = new ApiClient("http://127.0.0.1:" + port, "token", Duration.ofSeconds(60));
        CompletableFuture<HttpServer> restarted = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(1_500); // the app is down for a moment, then comes back on its port
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
                server.createContext("/api/studies/s-1/report", exchange -> {
                    byte[] body = "## Study s-1".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                return server;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertEquals("## Study s-1", client.studyReport("s-1"));
        } finally {
            restarted.get(10, TimeUnit.SECONDS).stop(0);
        }
    }

    @Test
    void aReadGivesUpOnceThePatienceIsSpent() throws Exception {
        ApiClient client = new ApiClient("http://127.0.0.1:" + freePort(), "token", Duration.ZERO);
        assertThrows(ConnectException.class, () -> client.studyReport("s-1"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
