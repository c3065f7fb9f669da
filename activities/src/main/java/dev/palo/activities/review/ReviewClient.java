package dev.palo.activities.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewStatus;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The review API in plain Java, for the REST layer and the simulated reviewer: status and tasks
 * come from the language workflow's query and the sample artifact, decisions go to the workflow
 * as validated updates. Workflows are addressed as pipeline run id + language code.
 */
public final class ReviewClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowClient client;
    private final ObjectStore store;

    public ReviewClient(WorkflowClient client, ObjectStore store) {
        this.client = client;
        this.store = store;
    }

    /** Counts and pending task ids of one language's review. */
    public ReviewStatus status(String runId, String language) {
        try {
            return workflow(runId, language).reviewStatus();
        } catch (WorkflowNotFoundException e) {
            throw new NoSuchElementException("no pipeline run '" + runId + "' with language '" + language + "'");
        }
    }

    /** Every task of one language's review with its texts; empty while earlier stages still run. */
    public List<ReviewItem> tasks(String runId, String language) {
        ReviewStatus status = status(runId, language);
        if (status.sample() == null) {
            return List.of();
        }
        try (InputStream in = store.open(status.sample())) {
            return JSON.readValue(in, ReviewSampleFile.class).items();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the review sample " + status.sample().uri(), e);
        }
    }

    public Optional<ReviewItem> task(String runId, String language, String taskId) {
        return tasks(runId, language).stream().filter(item -> item.taskId().equals(taskId)).findFirst();
    }

    /**
     * When the review closes: the deadline the review stage fixed at its first opening ({@code window.json}); empty
     * before the review opened.
     */
    public Optional<Instant> closesAt(String runId, String language) {
        try {
            return ReviewWindow.read(store, runId, language).map(Instant::ofEpochMilli);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the review window of " + runId + " " + language, e);
        }
    }

    /**
     * Every stored version of one task's decision, oldest first ({@code corrections/<taskId>/v<n>.json}): who decided
     * what, and the corrected text of each correction. Empty for a task nobody decided.
     */
    public List<StoredDecision> versions(String runId, String language, String taskId) {
        try {
            List<String> keys = new ArrayList<>(store.list(ReviewKeys.corrections(runId, language) + taskId + "/"));
            keys.sort(Comparator.comparingInt(ReviewKeys::version));
            List<StoredDecision> versions = new ArrayList<>();
            for (String key : keys) {
                Optional<ArtifactRef> ref = store.stat(key);
                if (ref.isPresent()) {
                    try (InputStream in = store.open(ref.get())) {
                        versions.add(JSON.readValue(in, StoredDecision.class));
                    }
                }
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decisions of task " + taskId + " of " + runId + " "
                    + language, e);
        }
    }

    /**
     * Submits a decision and waits until the workflow stored it. The update id is the decision's
     * digest, so a repeated delivery of the same decision is answered once.
     *
     * @throws ReviewRejectedException with the workflow's reason when the decision is refused
     */
    public ReviewReceipt submit(String runId, ReviewDecision decision) {
        String workflowId = LanguagePipelineWorkflow.workflowId(runId, decision.language());
        try {
            return client.newUntypedWorkflowStub(workflowId).startUpdate(
                    UpdateOptions.newBuilder(ReviewReceipt.class)
                            .setUpdateName(LanguagePipelineWorkflow.SUBMIT_REVIEW)
                            .setUpdateId(Sha256.of(JSON.writeValueAsBytes(decision)))
                            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                            .build(),
                    decision).getResult();
        } catch (WorkflowUpdateException e) {
            throw new ReviewRejectedException(reason(e), e);
        } catch (WorkflowNotFoundException e) {
            throw new NoSuchElementException("no pipeline run '" + runId + "' with language '"
                    + decision.language() + "'");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise decision " + decision, e);
        }
    }

    private LanguagePipelineWorkflow workflow(String runId, String language) {
        return client.newWorkflowStub(LanguagePipelineWorkflow.class,
                LanguagePipelineWorkflow.workflowId(runId, language));
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
    }
}
