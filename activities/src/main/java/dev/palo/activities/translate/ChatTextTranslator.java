package dev.palo.activities.translate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Texts through a chat endpoint, one request each, {@code concurrency} at a time. Requests start in
 * the order they were asked for, so an earlier batch's texts go out before a later batch's, and a
 * later batch fills the slots that an earlier one's last requests leave free.
 */
final class ChatTextTranslator implements TextTranslator {
    private final UnaryOperator<String> chat;
    private final ExecutorService requests;

    /** {@code chat} sends one text and returns its translation (rate limits and retries inside). */
    ChatTextTranslator(UnaryOperator<String> chat, int concurrency) {
        this.chat = chat;
        this.requests = Executors.newFixedThreadPool(concurrency);
    }

    @Override
    public CompletableFuture<List<String>> translate(List<String> englishTexts) {
        return allInOrder(englishTexts.stream()
                .map(text -> CompletableFuture.supplyAsync(() -> chat.apply(text), requests))
                .toList());
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }

    /**
     * Every answer in order; fails as soon as one request fails (a permanent error need not wait for
     * the rest of the batch, as {@link CompletableFuture#allOf} would).
     */
    private static CompletableFuture<List<String>> allInOrder(List<CompletableFuture<String>> answers) {
        CompletableFuture<List<String>> all = new CompletableFuture<>();
        answers.forEach(answer -> answer.whenComplete((text, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
            }
        }));
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenRun(() -> all.complete(answers.stream().map(CompletableFuture::join).toList()));
        return all;
    }
}
