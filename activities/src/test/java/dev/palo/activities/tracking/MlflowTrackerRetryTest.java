package dev.palo.activities.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that resets connections: the tracker's call goes through once the server answers again, and gives up
 * with the action named after the last retry. The server is a raw socket, because a reset (RST) is what broke a
 * fine-tune's metric once and no HTTP server library sends one on purpose.
 */
class MlflowTrackerRetryTest {

    @Test
    void aResetConnectionIsRetriedAndTheMetricGoesThrough() throws Exception {
        try (ResettingServer server = new ResettingServer(1)) {
            new MlflowTracker(server.uri()).logMetric("run-1", "loss", 1.5, 3);
            assertEquals(2, server.connections(), "one reset, then the answer");
        }
    }

    @Test
    void aServerThatKeepsResettingFailsTheCallNamingIt() throws Exception {
        try (ResettingServer server = new ResettingServer(Integer.MAX_VALUE)) {
            IOException failure = assertThrows(IOException.class,
                    () -> new MlflowTracker(server.uri()).logMetric("run-1", "loss", 1.5, 3));
            assertTrue(failure.getMessage().contains("cannot log metric loss"), failure.getMessage());
            assertEquals(1 + MlflowTracker.RETRY_AFTER.size(), server.connections());
        }
    }

    /** Resets the first {@code resets} connections after reading the request head; answers {@code {}} to the rest. */
    private static final class ResettingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        ResettingServer(int resets) throws IOException {
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        int n = connections.incrementAndGet();
                        int length = readHead(client);
                        client.getInputStream().readNBytes(length);
                        if (n <= resets) {
                            client.setSoLinger(true, 0); // close with RST: "Connection reset" on the client
                        } else {
                            OutputStream out = client.getOutputStream();
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                    + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    } catch (IOException e) {
                        // closed by close(), or a client that went away: the test's assertions say which
                    }
                }
            }, "resetting-mlflow");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String uri() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        /** Reads the request line and headers byte by byte (the body stays unread); returns its Content-Length. */
        private static int readHead(Socket client) throws IOException {
            var in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the request ended in its head");
                }
                head.append((char) b);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
