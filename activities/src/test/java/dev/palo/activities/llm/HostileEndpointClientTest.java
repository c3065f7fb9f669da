package dev.palo.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.testing.HostileChatServer;
import dev.palo.testing.HostileChatServer.Failure;
import dev.palo.testing.HostileChatServer.OverCap;
import dev.palo.testing.HostileChatServer.Settings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The chat client against a real HTTP endpoint that answers badly in every transient way. */
class HostileEndpointClientTest {
    private static List<ChatMessage> ask(String text) {
        return List.of(ChatMessage.system("Translate into Arabic."), ChatMessage.user(text));
    }

    private static OpenAiChatClient client(HostileChatServer server, int concurrency, int maxAttempts) {
        return new OpenAiChatClient(new ChatEndpoint(server.baseUrl(), "m", "sk-test", concurrency, 600_000,
                100_000_000, maxAttempts), Duration.ofMillis(1), Duration.ofMillis(20));
    }

    @Test
    void everyTransientAnswerIsRetriedUntilTheTextIsTranslated() throws Exception {
        Settings flaky = new Settings(Duration.ofMillis(10), 4, OverCap.REJECT_429, "0", 0.15, 0.15, 0.15);
        try (HostileChatServer server = new HostileChatServer(flaky)) {
            OpenAiChatClient client = client(server, 8, 2);
            RetryBudget budget = RetryBudget.of(1_000);
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> answers = IntStream.range(0, 200)
                        .mapToObj(i -> callers.submit(() -> client.complete(ask("text " + i), 50, budget))).toList();
                for (int i = 0; i < answers.size(); i++) {
                    assertEquals(HostileChatServer.translation("Arabic", "text " + i), answers.get(i).get());
                }
            } finally {
                callers.shutdownNow();
            }
            for (Failure kind : Failure.values()) {
                assertTrue(server.failures(kind) > 0, kind + " was injected and survived");
            }
            assertTrue(server.rejected() > 0, "8 callers on 4 slots met 429s");
            assertTrue(server.answeredPerText().values().stream().allMatch(n -> n == 1));
            assertEquals(200, server.answeredPerText().size());
        }
    }

    @Test
    void aSpentBudgetFailsTheRequestSayingSo() throws Exception {
        Settings broken = new Settings(Duration.ofMillis(1), 4, OverCap.QUEUE, "0", 0, 1.0, 0);
        try (HostileChatServer server = new HostileChatServer(broken)) {
            ChatException failure = assertThrows(ChatException.class,
                    () -> client(server, 1, 50).complete(ask("hello"), 50, RetryBudget.of(3)));
            assertTrue(failure.getMessage().contains("retry budget spent (3 retries)"), failure.getMessage());
            assertTrue(failure.getMessage().contains("invalid JSON"), failure.getMessage());
            assertTrue(!failure.isPermanent());
            assertEquals(4, server.requests());
        }
    }

    @Test
    void withoutABudgetEachRequestHasItsMaxAttempts() throws Exception {
        Settings broken = new Settings(Duration.ofMillis(1), 4, OverCap.QUEUE, "0", 0, 0, 1.0);
        try (HostileChatServer server = new HostileChatServer(broken)) {
            ChatException failure = assertThrows(ChatException.class,
                    () -> client(server, 1, 3).complete(ask("hello"), 50));
            assertTrue(failure.getMessage().contains("after 3 attempt(s)"), failure.getMessage());
            assertEquals(3, server.requests());
        }
    }
}
