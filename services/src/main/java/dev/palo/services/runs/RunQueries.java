package dev.palo.services.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.services.settings.PaloSettings;
import dev.palo.workflows.RunPriority;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.EvaluateWorkflow;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.events.TriggerInfo;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.progress.LanguageProgressState;
import dev.palo.workflows.progress.PipelineProgressState;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowQueryException;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Progress of runs from Temporal itself, with no extra state: the pipeline and language workflows answer their
 * typed {@code progress} queries (stage states, times, counts, cache hits, chrF); a pending activity carries the
 * heartbeat and attempt. Histories are read only for a failed workflow's message.
 */
@ApplicationScoped
public class RunQueries {
    private static final Logger LOG = Logger.getLogger(RunQueries.class);
    public static final String PIPELINE_TYPE = POJOWorkflowInterfaceMetadata.newInstance(PaloPipelineWorkflow.class)
            .getWorkflowType().orElseThrow();

    /** How often a running run's view is read at most: the dashboard's live interval. */
    public static final Duration LIVE_INTERVAL = RunViews.LIVE;
    /** Refreshes an unchanged running language may go without a {@code describe}: its view is at most 6 s old. */
    static final int LANGUAGE_SKIPS = 2;

    @Inject
    WorkflowClient client;
    @Inject
    WorkerEnvironment environment;
    @Inject
    PaloSettings settings;
    @Inject
    MlflowCurves curves;
    private final RunViews views = new RunViews();
    private final ProgressAnswers answers = new ProgressAnswers();
    private final Cache<String, Long> notStarted = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    private final Cache<String, LanguageProgress> endedLanguages = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    /**
     * A running language read the same for a while is described every third refresh, not every refresh; one not
     * started yet is left to {@link #notStarted}, which must see every read it counts on.
     */
    private final Rereads<LanguageProgress> rereads = new Rereads<>(LIVE_INTERVAL, LANGUAGE_SKIPS,
            System::currentTimeMillis, language -> language.workflowId() != null);

    /** The newest pipeline runs first. */
    public List<RunSummary> list(int limit) {
        try (Stream<WorkflowExecutionMetadata> runs = client.listExecutions("WorkflowType = '" + PIPELINE_TYPE + "'")) {
            return runs.limit(limit).map(run -> new RunSummary(run.getExecution().getWorkflowId(),
                    RunStatus.of(run.getStatus()), run.getStartTime(), run.getCloseTime(),
                    links(run.getExecution().getWorkflowId(), null), RunMemo.trigger(run), RunMemo.languages(run),
                    RunMemo.data(run), null)).toList();
        }
    }

    /**
     * A run as its workflows report it through their {@code progress} queries. One answer serves every viewer for
     * {@link RunViews}' time (five seconds while running, long after the run closed): twenty open dashboards cost
     * Temporal what one does.
     */
    public RunDetail read(String runId) {
        return views.get(runId, this::readNow);
    }

    private RunDetail readNow(String runId) {
        WorkflowExecutionDescription run = pipeline(runId);
        PipelineProgressState none = new PipelineProgressState(List.of(), null, null, List.of());
        PipelineProgressState progress = answers.get(runId, historyLength(run), () -> queried(runId,
                () -> client.newWorkflowStub(PaloPipelineWorkflow.class, runId).progress(), none), none);
        List<LanguageProgress> languages = progress.languages().stream()
                .map(code -> language(code, LanguagePipelineWorkflow.workflowId(runId, code), historyLength(run)))
                .toList();
        List<StageProgress> stages = withActivities(progress.stages().stream().map(StageProgress::of).toList(), run,
                false).stream().map(this::withCurves).map(stage -> withEvaluation(runId, stage)).toList();
        return new RunDetail(runId, RunStatus.of(run.getStatus()), run.getStartTime(), run.getCloseTime(),
                progress.source(), progress.trackingRunId(), stages, languages, failure(runId, run),
                links(runId, progress.trackingRunId()), RunMemo.event(run), RunMemo.retry(run), priority(run));
    }

    /** The run's priority, from its workflow's priority key (a retry keeps it). */
    static RunPriority priority(WorkflowExecutionDescription run) {
        return RunPriority.ofKey(run.getRawDescription().getWorkflowExecutionInfo().getPriority().getPriorityKey());
    }

    public String status(String runId) {
        return RunStatus.of(pipeline(runId).getStatus());
    }

    /**
     * A language that ended never changes again: its workflow is asked once, not at every refresh of its run. One
     * not started yet is not asked again until its run's history grew ({@code runHistory}): starting it adds events
     * there first.
     */
    private LanguageProgress language(String code, String workflowId, long runHistory) {
        LanguageProgress ended = endedLanguages.getIfPresent(workflowId);
        if (ended != null) {
            return ended;
        }
        Long unstartedAt = notStarted.getIfPresent(workflowId);
        if (runHistory > 0 && unstartedAt != null && unstartedAt == runHistory) {
            return LanguageProgress.pending(code);
        }
        LanguageProgress progress = rereads.get(workflowId, () -> languageNow(code, workflowId));
        if (progress.workflowId() == null) {
            notStarted.put(workflowId, runHistory);
        }
        if (!RunStatus.RUNNING.equals(progress.status()) && !RunStatus.PENDING.equals(progress.status())) {
            endedLanguages.put(workflowId, progress);
        }
        return progress;
    }

    private LanguageProgress languageNow(String code, String workflowId) {
        WorkflowExecutionDescription description;
        try {
            description = describe(workflowId);
        } catch (NotFoundException e) {
            return LanguageProgress.pending(code);  // not started yet
        }
        LanguageProgressState none = new LanguageProgressState(code, List.of());
        LanguageProgressState progress = answers.get(workflowId, historyLength(description), () -> queried(workflowId,
                () -> client.newWorkflowStub(LanguagePipelineWorkflow.class, workflowId).progress(), none), none);
        return new LanguageProgress(code, workflowId, RunStatus.of(description.getStatus()),
                withActivities(progress.stages().stream().map(StageProgress::of).toList(), description, true)
                        .stream().map(this::withCurves).toList(),
                failure(workflowId, description), progress.warnings());
    }

    /** A training stage that started, with its loss and learning-rate curves (and so its steps) from MLflow. */
    private StageProgress withCurves(StageProgress stage) {
        if (stage.trackingRunId() == null || stage.startedAt() == null
                || !MlflowCurves.TRAINING_STAGES.contains(stage.stage())) {
            return stage;
        }
        return curves.read(stage.trackingRunId(), !RunStatus.RUNNING.equals(stage.status()))
                .map(stage::withCurves).orElse(stage);
    }

    /** A running evaluate stage with its child workflow's work (answers generated, languages scored) so far. */
    private StageProgress withEvaluation(String runId, StageProgress stage) {
        if (!EvaluateActivities.STAGE.equals(stage.stage()) || !RunStatus.RUNNING.equals(stage.status())) {
            return stage;
        }
        try {
            return RunLevelWork.evaluate(stage,
                    describe(EvaluateWorkflow.workflowId(runId)).getRawDescription().getPendingActivitiesList());
        } catch (NotFoundException e) {
            return stage;  // the child starts a moment after the stage
        }
    }

    /** Why a failed workflow failed: the message of its last event; null for any other status. */
    private String failure(String workflowId, WorkflowExecutionDescription description) {
        if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
            return null;
        }
        return TemporalHistory.failure(found(workflowId, () -> client.fetchHistory(workflowId).getEvents()));
    }

    /**
     * Running stages take the workflow's end status when it ended; while it runs, a language's one running stage
     * takes its pending activity's heartbeat and attempt, and run-level stages (side by side) the activities that
     * {@link RunLevelWork} finds theirs.
     */
    private static List<StageProgress> withActivities(List<StageProgress> stages, WorkflowExecutionDescription run,
                                                      boolean oneAtATime) {
        String status = RunStatus.of(run.getStatus());
        List<PendingActivityInfo> pending = run.getRawDescription().getPendingActivitiesList();
        List<StageProgress> progress = new ArrayList<>();
        for (StageProgress stage : stages) {
            progress.add(!RunStatus.RUNNING.equals(stage.status()) ? stage
                    : !RunStatus.RUNNING.equals(status) ? stage.withStatus(status)
                    : oneAtATime ? withPendingActivity(stage, pending) : stage);
        }
        return oneAtATime || !RunStatus.RUNNING.equals(status) ? progress : RunLevelWork.attribute(progress, pending);
    }

    /** A language runs one stage at a time, so its pending activity belongs to its running stage. */
    static StageProgress withPendingActivity(StageProgress stage, List<PendingActivityInfo> pending) {
        if (pending.isEmpty()) {
            return stage;
        }
        PendingActivityInfo activity = pending.get(0);
        // a heartbeat without details (a keep-alive before the first count) decodes to null: no progress yet
        JsonNode details = activity.hasHeartbeatDetails()
                ? TemporalHistory.argument(activity.getHeartbeatDetails(), 0, JsonNode.class) : null;
        String heartbeat = details == null || details.isNull() ? null : details.toString();
        String lastFailure = activity.hasLastFailure() ? activity.getLastFailure().getMessage() : null;
        return stage.withActivity(heartbeat, activity.getAttempt(), lastFailure)
                .waiting(LaneWait.since(activity, Instant.now()).orElse(null));
    }

    /** Events in the workflow's history so far; 0 where the server does not say. */
    private static long historyLength(WorkflowExecutionDescription description) {
        return description.getRawDescription().getWorkflowExecutionInfo().getHistoryLength();
    }

    /** A pipeline run's description; 404 for an unknown id or a workflow that is not a pipeline. */
    WorkflowExecutionDescription pipeline(String runId) {
        WorkflowExecutionDescription run = describe(runId);
        if (!PIPELINE_TYPE.equals(run.getWorkflowType())) {
            throw new NotFoundException(runId + " is a " + run.getWorkflowType() + " workflow, not a pipeline run");
        }
        return run;
    }

    private WorkflowExecutionDescription describe(String workflowId) {
        // at DEBUG, the describes the live view costs Temporal can be counted (docs/performance.md, Open dashboards)
        LOG.debugf("describe %s", workflowId);
        return found(workflowId, () -> client.newUntypedWorkflowStub(workflowId).describe());
    }

    /**
     * A progress query's answer, or {@code none} when the workflow cannot answer it: a run started before the
     * workflows had the query, or one whose workflow task failed. The page then shows the run without stages.
     */
    private static <T> T queried(String workflowId, Supplier<T> query, T none) {
        try {
            return found(workflowId, query);
        } catch (WorkflowQueryException e) {
            LOG.debugf("no progress from %s: %s", workflowId, e.getMessage());
            return none;
        }
    }

    private static <T> T found(String workflowId, Supplier<T> call) {
        return WorkflowLookups.found("run", workflowId, call);
    }

    private RunLinks links(String runId, String trackingRunId) {
        String temporalUi = settings.links().temporalUi();
        String mlflowUi = settings.links().mlflow().orElse(environment.mlflowUri());
        return new RunLinks(temporalUi + "/namespaces/" + environment.worker().namespace() + "/workflows/" + runId,
                trackingRunId == null ? mlflowUi : mlflowUi + "/#/runs/" + trackingRunId);
    }
}
