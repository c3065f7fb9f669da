package dev.palo.services.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.language.LanguageJob;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.tracking.TrackingActivities;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Progress of runs from Temporal itself, with no extra state: the pipeline's history names its
 * language workflows; each history's tracking calls mark where a stage starts and ends (so any stage,
 * present or future, shows up: {@link StageEvents}); a pending activity carries the heartbeat.
 * Histories stay small: stages exchange artifact refs, never data.
 */
@ApplicationScoped
public class RunQueries {
    public static final String PIPELINE_TYPE = POJOWorkflowInterfaceMetadata.newInstance(PaloPipelineWorkflow.class)
            .getWorkflowType().orElseThrow();
    private static final String START_PIPELINE = TemporalHistory.activityType(TrackingActivities.class,
            "startPipelineRun", String.class, Map.class);
    private static final String LANGUAGE_TYPE = POJOWorkflowInterfaceMetadata.newInstance(
            LanguagePipelineWorkflow.class).getWorkflowType().orElseThrow();

    @Inject
    WorkflowClient client;
    @Inject
    WorkerSettings settings;
    @ConfigProperty(name = "palo.links.mlflow")
    String mlflowUi;
    @ConfigProperty(name = "palo.links.temporal-ui")
    String temporalUi;

    /** The newest pipeline runs first. */
    public List<RunSummary> list(int limit) {
        try (Stream<WorkflowExecutionMetadata> runs = client.listExecutions("WorkflowType = '" + PIPELINE_TYPE + "'")) {
            return runs.limit(limit).map(run -> new RunSummary(run.getExecution().getWorkflowId(),
                    RunStatus.of(run.getStatus()), run.getStartTime(), run.getCloseTime(),
                    links(run.getExecution().getWorkflowId(), null))).toList();
        }
    }

    public RunDetail read(String runId) {
        WorkflowExecutionDescription run = pipeline(runId);
        List<HistoryEvent> events = found(runId, () -> client.fetchHistory(runId).getEvents());
        PipelineSpec spec = TemporalHistory.workflowInput(events, PipelineSpec.class);

        Map<Long, String> scheduledTypes = new HashMap<>();
        Map<String, String> childByLanguage = new HashMap<>();
        List<String> stageChildren = new ArrayList<>();
        String trackingRunId = null;
        for (HistoryEvent event : events) {
            if (event.hasActivityTaskScheduledEventAttributes()) {
                scheduledTypes.put(event.getEventId(),
                        event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
            } else if (event.hasActivityTaskCompletedEventAttributes()) {
                var completed = event.getActivityTaskCompletedEventAttributes();
                if (START_PIPELINE.equals(scheduledTypes.get(completed.getScheduledEventId()))) {
                    trackingRunId = TemporalHistory.argument(completed.getResult(), 0, String.class);
                }
            } else if (event.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                var child = event.getStartChildWorkflowExecutionInitiatedEventAttributes();
                if (LANGUAGE_TYPE.equals(child.getWorkflowType().getName())) {
                    LanguageJob job = TemporalHistory.argument(child.getInput(), 0, LanguageJob.class);
                    childByLanguage.put(job.language().code(), child.getWorkflowId());
                } else {
                    stageChildren.add(child.getWorkflowId());
                }
            }
        }
        List<LanguageProgress> languages = spec.languages().stream().map(code -> childByLanguage.containsKey(code)
                ? language(code, childByLanguage.get(code)) : LanguageProgress.pending(code)).toList();
        List<StageProgress> stages = new ArrayList<>(withActivities(StageEvents.read(events, true), run));
        for (String child : stageChildren) {
            stages.addAll(childStages(child));
        }
        return new RunDetail(runId, RunStatus.of(run.getStatus()), run.getStartTime(), run.getCloseTime(),
                spec.source().uri(), trackingRunId, stages, languages, TemporalHistory.failure(events),
                links(runId, trackingRunId));
    }

    /** Stages of a child workflow that serves the whole run (evaluation), once it started. */
    private List<StageProgress> childStages(String workflowId) {
        WorkflowExecutionDescription description;
        try {
            description = describe(workflowId);
        } catch (NotFoundException e) {
            return List.of();
        }
        List<HistoryEvent> events = found(workflowId, () -> client.fetchHistory(workflowId).getEvents());
        return withActivities(StageEvents.read(events, true), description);
    }

    public String status(String runId) {
        return RunStatus.of(pipeline(runId).getStatus());
    }

    private LanguageProgress language(String code, String workflowId) {
        WorkflowExecutionDescription description;
        try {
            description = describe(workflowId);
        } catch (NotFoundException e) {
            return LanguageProgress.pending(code);  // initiated in the pipeline's history, not yet started
        }
        List<HistoryEvent> events = found(workflowId, () -> client.fetchHistory(workflowId).getEvents());
        // After continue-as-new, the stages finished earlier arrive in the input, not as events.
        List<StageProgress> stages = new ArrayList<>();
        for (StageResult done : TemporalHistory.workflowInput(events, LanguageJob.class).completed()) {
            stages.add(StageProgress.completed(done.stage(), done.cacheHit(), done.metrics()));
        }
        stages.addAll(StageEvents.read(events, false));
        return new LanguageProgress(code, workflowId, RunStatus.of(description.getStatus()),
                withActivities(stages, description), TemporalHistory.failure(events),
                TemporalHistory.result(events, LanguageResult.class).map(LanguageResult::warnings).orElse(List.of()));
    }

    /**
     * Running stages take the workflow's end status when it ended; while it runs, the one running stage takes
     * its pending activity's heartbeat (with several running at once, which activity is whose is not known).
     */
    private static List<StageProgress> withActivities(List<StageProgress> stages, WorkflowExecutionDescription run) {
        String status = RunStatus.of(run.getStatus());
        List<PendingActivityInfo> pending = run.getRawDescription().getPendingActivitiesList();
        long running = stages.stream().filter(stage -> RunStatus.RUNNING.equals(stage.status())).count();
        List<StageProgress> progress = new ArrayList<>();
        for (StageProgress stage : stages) {
            progress.add(!RunStatus.RUNNING.equals(stage.status()) ? stage
                    : !RunStatus.RUNNING.equals(status) ? stage.withStatus(status)
                    : running == 1 ? withPendingActivity(stage, pending) : stage);
        }
        return progress;
    }

    /** A language runs one stage at a time, so its pending activity belongs to its running stage. */
    private static StageProgress withPendingActivity(StageProgress stage, List<PendingActivityInfo> pending) {
        if (pending.isEmpty()) {
            return stage;
        }
        PendingActivityInfo activity = pending.get(0);
        String heartbeat = activity.hasHeartbeatDetails()
                ? TemporalHistory.argument(activity.getHeartbeatDetails(), 0, JsonNode.class).toString() : null;
        String lastFailure = activity.hasLastFailure() ? activity.getLastFailure().getMessage() : null;
        return stage.withActivity(heartbeat, activity.getAttempt(), lastFailure);
    }

    private WorkflowExecutionDescription pipeline(String runId) {
        WorkflowExecutionDescription run = describe(runId);
        if (!PIPELINE_TYPE.equals(run.getWorkflowType())) {
            throw new NotFoundException(runId + " is a " + run.getWorkflowType() + " workflow, not a pipeline run");
        }
        return run;
    }

    private WorkflowExecutionDescription describe(String workflowId) {
        return found(workflowId, () -> client.newUntypedWorkflowStub(workflowId).describe());
    }

    private static <T> T found(String workflowId, Supplier<T> call) {
        try {
            return call.get();
        } catch (WorkflowNotFoundException e) {
            throw new NotFoundException("no run " + workflowId);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new NotFoundException("no run " + workflowId);
            }
            throw e;
        }
    }

    private RunLinks links(String runId, String trackingRunId) {
        return new RunLinks(temporalUi + "/namespaces/" + settings.namespace() + "/workflows/" + runId,
                trackingRunId == null ? mlflowUi : mlflowUi + "/#/runs/" + trackingRunId);
    }
}
