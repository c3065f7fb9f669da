package dev.palo.services.runs;

import dev.palo.activities.worker.WorkerSettings;
import dev.palo.services.auth.Caller;
import dev.palo.services.auth.RunStartLimiter;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.review.SimulatedReviewJob;
import dev.palo.workflows.review.SimulatedReviewWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Starts a run that ended unsuccessfully again, as a new run with the very spec its workflow started with (read from
 * the start event of its history, so runs started before retries existed can be retried too). Nothing is carried
 * over but the spec: stages whose inputs did not change find their outputs in the stage cache, as with any run.
 */
@ApplicationScoped
public class RunRetries {
    /** Ended and did not complete: what an operator may want to run again. */
    static final Set<String> RETRYABLE = Set.of("FAILED", "CANCELED", "TERMINATED", "TIMED_OUT");

    @Inject
    WorkflowClient client;
    @Inject
    RunQueries queries;
    @Inject
    WorkerSettings settings;
    @Inject
    Caller caller;
    @Inject
    RunStartLimiter starts;

    /**
     * Returns the new run's id; 404 for an unknown run, 409 for one that runs or completed. A retry is a run start:
     * it counts against the caller's start limit, and the new run's memo names the caller.
     */
    public String retry(String runId) {
        WorkflowExecutionDescription original = queries.pipeline(runId);
        String status = RunStatus.of(original.getStatus());
        if (!RETRYABLE.contains(status)) {
            throw new ClientErrorException("run " + runId + " is " + status + ": only a run that ended "
                    + String.join(", ", RETRYABLE.stream().sorted().toList()) + " can be retried",
                    Response.Status.CONFLICT);
        }
        PipelineSpec spec = startInput(runId, PipelineSpec.class).orElseThrow(() -> new ClientErrorException(
                "run " + runId + " has no start input to run again", Response.Status.CONFLICT));
        String requestedBy = caller.name();
        starts.acquire(requestedBy);
        String retryId = RunCommands.newRunId();
        PaloPipelineWorkflow pipeline = client.newWorkflowStub(PaloPipelineWorkflow.class,
                RunCommands.options(retryId, null, RunMemo.retried(original, new RunRetry(runId, requestedBy),
                        settings.gpuScheduling()),
                        RunQueries.priority(original)));
        WorkflowClient.start(pipeline::run, spec);
        // the original's simulated reviewers, if it had any, decide the new run's tasks too
        startInput(SimulatedReviewWorkflow.workflowId(runId), SimulatedReviewJob.class).ifPresent(job -> {
            SimulatedReviewWorkflow reviewers = client.newWorkflowStub(SimulatedReviewWorkflow.class,
                    RunCommands.options(SimulatedReviewWorkflow.workflowId(retryId), null, Map.of(), null));
            WorkflowClient.start(reviewers::run, new SimulatedReviewJob(retryId, job.languages(), job.miniTree(),
                    job.delay()));
        });
        return retryId;
    }

    /** The first argument a workflow started with; empty when there is no such workflow. */
    private <T> Optional<T> startInput(String workflowId, Class<T> type) {
        // only the first event is needed: the stream pages the history lazily
        try (Stream<HistoryEvent> events = client.streamHistory(workflowId)) {
            return events.findFirst().filter(HistoryEvent::hasWorkflowExecutionStartedEventAttributes)
                    .map(event -> event.getWorkflowExecutionStartedEventAttributes().getInput())
                    .filter(Payloads::isInitialized).filter(input -> input.getPayloadsCount() > 0)
                    .map(input -> TemporalHistory.argument(input, 0, type));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
