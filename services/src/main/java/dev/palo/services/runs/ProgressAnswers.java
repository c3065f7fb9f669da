package dev.palo.services.runs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The workflows' {@code progress} answers, asked again only when the workflow's history grew. A workflow's state is
 * a function of its history, so the answer for a history of the same length is the one already had; the live view
 * then costs Temporal a {@code describe} per running workflow (which the heartbeats need anyway) and a query only
 * after something happened, not a query per workflow at every refresh. Heartbeats are not history events: they come
 * from the {@code describe}, never from this cache.
 */
final class ProgressAnswers {
    private record Answer(long historyLength, Object progress) {
    }

    private final Cache<String, Answer> answers = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    /**
     * The answer for {@code workflowId} at {@code historyLength} events: the stored one, or {@code query}'s. A
     * length of 0 (unknown) always asks; so does an answer equal to {@code none} (the workflow could not answer: the
     * next refresh tries again).
     */
    @SuppressWarnings("unchecked")
    <T> T get(String workflowId, long historyLength, Supplier<T> query, T none) {
        Answer known = answers.getIfPresent(workflowId);
        if (historyLength > 0 && known != null && known.historyLength() == historyLength) {
            return (T) known.progress();
        }
        T progress = query.get();
        if (historyLength > 0 && progress != none) {
            answers.put(workflowId, new Answer(historyLength, progress));
        }
        return progress;
    }
}
