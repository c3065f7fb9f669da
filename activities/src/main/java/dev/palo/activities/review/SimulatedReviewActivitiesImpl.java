package dev.palo.activities.review;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.workflows.review.SimulatedReviewActivities;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * {@link SimulatedReviewer} as a durable activity: it polls the language's review state (heartbeating, so a dead
 * worker's reviewer moves on), decides the pending tasks once the review opens, and gives up quietly when the run
 * ends first. It talks to the workflows through the worker's own client, as the REST layer does.
 */
public final class SimulatedReviewActivitiesImpl implements SimulatedReviewActivities {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ObjectStore store;

    public SimulatedReviewActivitiesImpl(ObjectStore store) {
        this.store = store;
    }

    @Override
    public int decidePending(String runId, String language, String miniTree, Duration delay) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        WorkflowClient client = context.getWorkflowClient();
        ReviewClient reviews = new ReviewClient(client, store);
        try {
            while (mayOpen(client, runId, language)) {
                ReviewState state = state(reviews, runId, language);
                if (state == ReviewState.OPEN) {
                    SimulatedReviewer reviewer = new SimulatedReviewer(reviews, Path.of(miniTree), delay);
                    return reviewer.reviewPending(runId, language).size();
                }
                if (state == ReviewState.CLOSED) {
                    return 0;
                }
                context.heartbeat(null);
                Thread.sleep(POLL.toMillis());
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        } catch (IOException e) {
            throw Activity.wrap(e);
        }
    }

    /**
     * While the language's workflow runs, or has not started yet while its pipeline runs: its review may still open.
     * No pipeline reads as ended, so whoever starts the reviewers starts the run first (the API does, a study waits
     * for its child run to start).
     */
    private static boolean mayOpen(WorkflowClient client, String runId, String language) {
        Boolean languageRuns = runs(client, LanguagePipelineWorkflow.workflowId(runId, language));
        return languageRuns != null ? languageRuns : Boolean.TRUE.equals(runs(client, runId));
    }

    /** Null when no such workflow exists. */
    private static Boolean runs(WorkflowClient client, String workflowId) {
        try {
            return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (WorkflowNotFoundException e) {
            return null;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** NOT_STARTED also while the language's workflow does not exist yet; an open review of no task is closed. */
    private static ReviewState state(ReviewClient reviews, String runId, String language) {
        try {
            ReviewStatus status = reviews.status(runId, language);
            return status.state() == ReviewState.OPEN && status.tasks() == 0 ? ReviewState.CLOSED : status.state();
        } catch (NoSuchElementException e) {
            return ReviewState.NOT_STARTED;
        }
    }
}
