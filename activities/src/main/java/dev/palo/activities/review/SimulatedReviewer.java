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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The demo's stand-in for people, for a pipeline running on PALO-mini: for each task of a review
 * it waits {@code delay}, then submits through {@link ReviewClient} the gold translation (CORRECT),
 * or ACCEPT when the translation already equals gold. Every decision is signed {@value #REVIEWER}.
 * {@value #SIDE_BY_SIDE} reviewers work side by side, as a team would: each decision is a workflow
 * update that waits for its stored copy, so one at a time would leave the review waiting on round trips.
 */
public final class SimulatedReviewer {
    public static final String REVIEWER = "simulated";
    static final int SIDE_BY_SIDE = 8;

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

    /** Decides every task of the language's review; receipts in sample order; the review must be open. */
    public List<ReviewReceipt> review(String runId, String language) throws IOException, InterruptedException {
        return decide(runId, language, sampled(runId, language));
    }

    /**
     * Decides only the tasks nobody has decided yet: what a reviewer taken up after its worker died has left, and
     * never over a person's decision.
     */
    public List<ReviewReceipt> reviewPending(String runId, String language) throws IOException, InterruptedException {
        Set<String> pending = Set.copyOf(client.status(runId, language).pendingTaskIds());
        return decide(runId, language, sampled(runId, language).stream()
                .filter(item -> pending.contains(item.taskId())).toList());
    }

    private List<ReviewItem> sampled(String runId, String language) {
        List<ReviewItem> sampled = client.tasks(runId, language);
        if (sampled.isEmpty()) {
            throw new IllegalStateException("the " + language + " review of run '" + runId
                    + "' has no tasks to decide: not open yet, or an empty sample");
        }
        return sampled;
    }

    private List<ReviewReceipt> decide(String runId, String language, List<ReviewItem> items)
            throws IOException, InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        Map<String, List<Turn>> gold = GoldText.read(miniRoot, language,
                items.stream().map(ReviewItem::recordId).collect(Collectors.toSet()));
        List<Callable<ReviewReceipt>> decisions = new ArrayList<>();
        for (ReviewItem item : items) {
            List<ReviewTurn> reference = ReviewTurns.of(gold.getOrDefault(item.recordId(), List.of()));
            if (reference.isEmpty()) {
                throw new IllegalStateException("PALO-mini gold for '" + language + "' under " + miniRoot
                        + " has no record '" + item.recordId() + "': was this pipeline run on PALO-mini?");
            }
            boolean same = reference.equals(item.translation());
            decisions.add(() -> {
                Thread.sleep(delay.toMillis());
                return client.submit(runId, new ReviewDecision(item.taskId(), language, REVIEWER,
                        same ? ReviewVerdict.ACCEPT : ReviewVerdict.CORRECT, same ? List.of() : reference));
            });
        }
        ExecutorService team = Executors.newFixedThreadPool(SIDE_BY_SIDE);
        try {
            List<ReviewReceipt> receipts = new ArrayList<>(decisions.size());
            for (Future<ReviewReceipt> decision : team.invokeAll(decisions)) {
                receipts.add(decision.get());
            }
            return receipts;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("a simulated decision failed", e.getCause());
        } finally {
            team.shutdownNow();
        }
    }
}
