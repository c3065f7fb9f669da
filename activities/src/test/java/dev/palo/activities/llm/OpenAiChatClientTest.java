package dev.palo.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.FakeChatServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {
    private final FakeChatServer server = new FakeChatServer();

    OpenAiChatClientTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiChatClient client(int concurrency, int maxAttempts) {
        return new OpenAiChatClient(new ChatEndpoint(server.baseUrl(), "test-model", "sk-test", concurrency,
                60_000, 10_000_000, maxAttempts), Duration.ofMillis(10), Duration.ofMillis(100));
    }

    private static List<ChatMessage> ask(String text) {
        return List.of(ChatMessage.system("Translate into Arabic."), ChatMessage.user(text));
    }

    @Test
    void retries429And500UntilAnAnswerAndSendsTheKey() {
        server.failEvery(2, "0");
        OpenAiChatClient client = client(1, 5);

        for (String text : List.of("hello", "again", "third")) {
            assertEquals(FakeChatServer.translation("Arabic", text), client.complete(ask(text), 50));
        }

        assertEquals(List.of(429, 500), server.failuresServed);
        assertEquals(5, server.requests());
        assertEquals("Bearer sk-test", server.authorizations.get(0));
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsks() {
        server.failEvery(1, "1");
        OpenAiChatClient client = client(1, 2);
        long start = System.nanoTime();
        assertThrows(ChatException.class, () -> client.complete(ask("hello"), 50));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(2, server.requests());
        assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0, "retried after " + waited);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.answerAlways(401);
        ChatException failure = assertThrows(ChatException.class, () -> client(1, 5).complete(ask("hello"), 50));
        assertEquals(401, failure.status());
        assertTrue(failure.isPermanent());
        assertEquals(1, server.requests());
    }

    @Test
    void neverHasMoreRequestsInFlightThanItsConcurrency() throws Exception {
        OpenAiChatClient client = client(2, 1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = IntStream.range(0, 24)
                    .mapToObj(i -> callers.submit(() -> client.complete(ask("text " + i), 50))).toList();
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(FakeChatServer.translation("Arabic", "text " + i), answers.get(i).get());
            }
        } finally {
            callers.shutdownNow();
        }
        assertTrue(server.maxInFlight() <= 2, "in flight at once: " + server.maxInFlight());
    }
}
