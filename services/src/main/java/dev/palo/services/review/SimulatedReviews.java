package dev.palo.services.review;

import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.review.SimulatedReviewer;
import dev.palo.services.runs.RunQueries;
import dev.palo.services.runs.RunStatus;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewStatus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The demo's simulated reviewers: for a run on PALO-mini with review mode SIMULATED, one reviewer per language
 * waits until that language's review opens, then decides every task with the gold text through the review API's
 * Java layer, as a person would through REST. Lives as long as this app; a restarted app does not resume them.
 */
@ApplicationScoped
public class SimulatedReviews {
    private static final Logger LOG = Logger.getLogger(SimulatedReviews.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    @Inject
    ReviewClient reviews;
    @Inject
    RunQueries runs;

    private final ExecutorService reviewers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "simulated-reviewer");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts one simulated reviewer per language of the run. */
    public void start(String runId, List<String> languages, Path miniTree, Duration delay) {
        for (String language : languages) {
            reviewers.submit(() -> review(runId, language, new SimulatedReviewer(reviews, miniTree, delay)));
        }
    }

    private void review(String runId, String language, SimulatedReviewer reviewer) {
        try {
            while (RunStatus.RUNNING.equals(runs.status(runId))) {
                ReviewState state = state(runId, language);
                if (state == ReviewState.OPEN) {
                    int decided = reviewer.review(runId, language).size();
                    LOG.infof("simulated reviewer decided %d task(s) of the %s review of %s", decided, language, runId);
                    return;
                }
                if (state == ReviewState.CLOSED) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | java.io.IOException e) {
            LOG.errorf(e, "simulated reviewer of the %s review of %s stopped", language, runId);
        }
    }

    /** NOT_STARTED also while the language's workflow does not exist yet. */
    private ReviewState state(String runId, String language) {
        try {
            ReviewStatus status = reviews.status(runId, language);
            return status.state() == ReviewState.OPEN && status.tasks() == 0 ? ReviewState.CLOSED : status.state();
        } catch (NoSuchElementException e) {
            return ReviewState.NOT_STARTED;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        reviewers.shutdownNow();
    }
}
