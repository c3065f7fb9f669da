package dev.palo.activities.review;

import dev.palo.data.llava.Turn;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's stand-in for people, for a pipeline running on PALO-mini: for each task of a review
 * it waits {@code delay}, then submits through {@link ReviewClient} the gold translation (CORRECT),
 * or ACCEPT when the translation already equals gold. Every decision is signed {@value #REVIEWER}.
 */
public final class SimulatedReviewer {
    public static final String REVIEWER = "simulated";

    private final ReviewClient client;
    private final Path miniRoot;
    private final Duration delay;

    /**
     * @param miniRoot the PALO-mini tree the pipeline's source came from
     * @param delay    pause before each decision, the review config's {@code simulatedDelay}
     */
    public SimulatedReviewer(ReviewClient client, Path miniRoot, Duration delay) {
        this.client = client;
        this.miniRoot = miniRoot;
        this.delay = delay;
    }

    /** Decides every task of the language's review in sample order; the review must be open. */
    public List<ReviewReceipt> review(String runId, String language) throws IOException, InterruptedException {
        List<ReviewItem> items = client.tasks(runId, language);
        if (items.isEmpty()) {
            throw new IllegalStateException("the " + language + " review of run '" + runId
                    + "' has no tasks to decide: not open yet, or an empty sample");
        }
        Map<String, List<Turn>> gold = GoldText.read(miniRoot, language,
                items.stream().map(ReviewItem::recordId).collect(Collectors.toSet()));
        List<ReviewReceipt> receipts = new ArrayList<>();
        for (ReviewItem item : items) {
            List<ReviewTurn> reference = ReviewTurns.of(gold.getOrDefault(item.recordId(), List.of()));
            if (reference.isEmpty()) {
                throw new IllegalStateException("PALO-mini gold for '" + language + "' under " + miniRoot
                        + " has no record '" + item.recordId() + "': was this pipeline run on PALO-mini?");
            }
            Thread.sleep(delay.toMillis());
            boolean same = reference.equals(item.translation());
            receipts.add(client.submit(runId, new ReviewDecision(item.taskId(), language, REVIEWER,
                    same ? ReviewVerdict.ACCEPT : ReviewVerdict.CORRECT,
                    same ? List.of() : reference)));
        }
        return receipts;
    }
}
