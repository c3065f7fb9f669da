package dev.palo.activities.translation.translate;

import dev.palo.activities.llm.RetryBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Texts through a chat endpoint, one request per distinct text, {@code concurrency} at a time. A
 * text already in the {@link TranslationCache} is not sent; a text already in flight (from this
 * batch or an earlier one) is awaited, not sent again (single flight). Requests start in the order
 * they were asked for, so an earlier batch's texts go out before a later batch's, and a later batch
 * fills the slots that an earlier one's last requests leave free. Each batch (a chunk) gets its own
 * {@link RetryBudget}.
 */
final class ChatTextTranslator implements TextTranslator {
    /** Sends one text and returns its translation, retrying transient answers from the budget. */
    @FunctionalInterface
    interface Chat {
        String translate(String text, RetryBudget budget);
    }

    private final Chat chat;
    private final int concurrency;
    private final ExecutorService requests;
    private final TranslationCache cache;
    private final IntFunction<RetryBudget> budgets;
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();
    /** Set by {@link #settle}: requests not yet sent fail instead of going out. */
    private volatile boolean settling;

    /**
     * @param cache   translations already made; null translates everything
     * @param budgets the retry budget of a batch of n distinct texts to send
     */
    ChatTextTranslator(Chat chat, int concurrency, TranslationCache cache, IntFunction<RetryBudget> budgets) {
        this.chat = chat;
        this.concurrency = concurrency;
        this.requests = Executors.newFixedThreadPool(concurrency);
        this.cache = cache;
        this.budgets = budgets;
    }

    @Override
    public CompletableFuture<List<String>> translate(List<String> englishTexts) {
        List<String> toSend = englishTexts.stream().distinct().filter(text -> cached(text).isEmpty()).toList();
        RetryBudget budget = budgets.apply(toSend.size());
        Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
        for (String text : englishTexts) {
            answers.computeIfAbsent(text, t -> answer(t, budget));
        }
        return allInOrder(englishTexts.stream().map(answers::get).toList());
    }

    /** Requests queued or in flight: how much work lies ahead of the endpoint. */
    @Override
    public int backlog() {
        return inFlight.size();
    }

    /** Enough work ahead that no endpoint slot idles while the next chunk is prepared and committed. */
    @Override
    public boolean wantsMore() {
        return inFlight.size() < 2 * concurrency;
    }

    private Optional<String> cached(String text) {
        return cache == null ? Optional.empty() : cache.get(text);
    }

    private CompletableFuture<String> answer(String text, RetryBudget budget) {
        Optional<String> hit = cached(text);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(hit.get());
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> earlier = inFlight.putIfAbsent(text, mine);
        if (earlier != null) {
            return earlier;
        }
        // it may have landed in the cache between the lookup and the claim
        hit = cached(text);
        if (hit.isPresent()) {
            inFlight.remove(text, mine);
            mine.complete(hit.get());
            return mine;
        }
        requests.execute(() -> {
            try {
                if (settling) {
                    throw new CancellationException("the stage is failing; '" + text + "' was not sent");
                }
                String translation = chat.translate(text, budget);
                if (cache != null) {
                    cache.put(text, translation);
                }
                inFlight.remove(text, mine);
                mine.complete(translation);
            } catch (Throwable failure) {
                inFlight.remove(text, mine);
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    /** Whether {@link #settle} was called: nothing more is sent. */
    boolean settling() {
        return settling;
    }

    @Override
    public void settle(Duration patience) throws InterruptedException {
        settling = true;
        CompletableFuture<?> all = CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new));
        try {
            all.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a failed request has nothing to cache, and one still running past the patience is given up
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
        inFlight.values().forEach(answer -> answer.cancel(false));
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
