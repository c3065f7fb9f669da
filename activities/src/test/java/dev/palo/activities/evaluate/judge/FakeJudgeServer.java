package dev.palo.activities.evaluate.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/** An OpenAI-compatible judge on 127.0.0.1: replies with {@code reply(user message)} and keeps every request. */
public final class FakeJudgeServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final UnaryOperator<String> reply;
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    public FakeJudgeServer(UnaryOperator<String> reply) throws IOException {
        this.reply = reply;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            String content = reply.apply(request.path("messages").path(1).path("content").asText());
            byte[] body = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                    .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
                    .toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
