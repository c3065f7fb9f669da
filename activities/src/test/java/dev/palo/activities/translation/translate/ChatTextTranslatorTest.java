package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.RetryBudget;
import dev.palo.activities.support.InMemoryObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChatTextTranslatorTest {
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** Answers only once released, so that batches overlap while their texts are in flight. */
    private String slowChat(String text, RetryBudget budget) {
        sent.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "<" + text + ">";
    }

    @Test
    void aTextInFlightOrCachedIsNeverSentAgain() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        TranslationCache cache = TranslationCache.open(store, "fr", "identity", "1");
        cache.put("known", "<cached known>");
        try (ChatTextTranslator texts = new ChatTextTranslator(this::slowChat, 4, cache, n -> RetryBudget.of(n))) {
            CompletableFuture<List<String>> first = texts.translate(List.of("a", "b", "a", "known"));
            CompletableFuture<List<String>> second = texts.translate(List.of("b", "c", "a"));
            assertEquals(3, texts.backlog(), "a, b and c in flight once each");
            release.countDown();

            assertEquals(List.of("<a>", "<b>", "<a>", "<cached known>"), first.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("<b>", "<c>", "<a>"), second.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("<a>", "<c>"), texts.translate(List.of("a", "c")).get(10, TimeUnit.SECONDS));
        }
        assertEquals(Map.of("a", 1, "b", 1, "c", 1), Map.copyOf(sent.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
        cache.flush();
        TranslationCache reopened = TranslationCache.open(store, "fr", "identity", "1");
        assertEquals(4, reopened.loaded());
    }

    @Test
    void aFailedTextIsAskedForAgainByTheNextBatch() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ChatTextTranslator texts = new ChatTextTranslator((text, budget) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("endpoint down");
            }
            return "<" + text + ">";
        }, 1, null, n -> RetryBudget.of(0))) {
            CompletableFuture<List<String>> failed = texts.translate(List.of("a"));
            assertTrue(failed.handle((ok, failure) -> failure != null).get(10, TimeUnit.SECONDS));
            assertEquals(List.of("<a>"), texts.translate(List.of("a")).get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, calls.get());
    }

    /**
     * A failing stage settles before it flushes: the answer on its way lands in the cache (so the retrying attempt
     * does not pay for it again) and a text still queued is never sent.
     */
    @Test
    void settlingWaitsForAnswersOnTheirWayAndSendsNothingNew() throws Exception {
        TranslationCache cache = TranslationCache.open(new InMemoryObjectStore(), "fr", "identity", "1");
        CountDownLatch aSent = new CountDownLatch(1);
        try (ChatTextTranslator texts = new ChatTextTranslator((text, budget) -> {
            if (text.equals("bad")) {
                throw new IllegalStateException("no answer for 'bad'");
            }
            aSent.countDown();
            return slowChat(text, budget);
        }, 1, cache, n -> RetryBudget.of(0))) {
            CompletableFuture<List<String>> batch = texts.translate(List.of("a", "bad", "queued"));
            assertTrue(aSent.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> settled = CompletableFuture.runAsync(() -> {
                try {
                    texts.settle(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            while (!texts.settling()) {
                Thread.sleep(10);
            }
            release.countDown(); // 'a' answers only now, while the translator settles

            settled.get(10, TimeUnit.SECONDS);
            assertTrue(batch.handle((ok, failure) -> failure != null).get(10, TimeUnit.SECONDS));
        }
        assertEquals(Optional.of("<a>"), cache.get("a"), "the answer on its way reached the cache");
        assertEquals(Map.of("a", 1), Map.copyOf(sent.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))),
                "'queued' was never sent");
    }
}
