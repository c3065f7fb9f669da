package dev.palo.workflows.events;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline's event vocabulary on top of an {@link EventLane}: what each event type carries. Subjects are
 * {@code <stage>/<language or arm>} for stage events, {@code review/<language>[/<task>/v<n>]} for review events and
 * the run id for run events, which makes every event id unique within its run.
 */
public final class RunEvents {
    private final EventLane lane;

    public RunEvents(EventLane lane) {
        this.lane = lane;
    }

    public EventLane lane() {
        return lane;
    }

    public void runStarted(String runId, List<String> languages, ArtifactRef source, String trackingRunId,
                           TriggerInfo trigger) {
        Map<String, Object> data = run(runId);
        data.put("languages", languages);
        putArtifact(data, "source", source);
        data.put("trackingRunId", trackingRunId);
        if (trigger != null) {
            data.put("trigger", trigger.asData());
        }
        lane.emit(EventTypes.RUN_STARTED, runId, runId, data);
    }

    /** {@code table1}: the report stage's averages, empty when the run did not evaluate. */
    public void runCompleted(String runId, String trackingRunId, Map<String, Double> table1) {
        Map<String, Object> data = run(runId);
        data.put("trackingRunId", trackingRunId);
        if (!table1.isEmpty()) {
            data.put("table1", new TreeMap<>(table1));
        }
        lane.emit(EventTypes.RUN_COMPLETED, runId, runId, data);
    }

    public void runFailed(String runId, String trackingRunId, String reason) {
        Map<String, Object> data = run(runId);
        data.put("trackingRunId", trackingRunId);
        data.put("reason", reason == null ? "unknown" : reason);
        lane.emit(EventTypes.RUN_FAILED, runId, runId, data);
    }

    public void stageStarted(String runId, String stage, String label) {
        lane.emit(EventTypes.STAGE_STARTED, runId, stage + "/" + label, stage(runId, stage, label));
    }

    /** {@code result} null: a stage whose figures live in its own workflow (evaluation). */
    public void stageCompleted(String runId, String stage, String label, String stageTrackingRunId,
                               StageResult result, Double chrf) {
        stageCompleted(runId, stage, label, stageTrackingRunId, result, chrf, Workflow.newPromise(null));
    }

    /** Published once {@code trackingClosed}: the stage's tracking run, which the event names, is finished. */
    public void stageCompleted(String runId, String stage, String label, String stageTrackingRunId,
                               StageResult result, Double chrf, Promise<Void> trackingClosed) {
        Map<String, Object> data = stage(runId, stage, label);
        if (stageTrackingRunId != null) {
            data.put("trackingRunId", stageTrackingRunId);
        }
        if (result != null) {
            data.put("cacheHit", result.cacheHit());
            data.put("metrics", new TreeMap<>(result.metrics()));
            putArtifact(data, "output", result.output());
            putArtifact(data, "manifest", result.manifest());
        }
        if (chrf != null) {
            data.put("chrf", chrf);
        }
        lane.emitAfter(trackingClosed, EventTypes.STAGE_COMPLETED, runId, stage + "/" + label, data);
    }

    public void stageFailed(String runId, String stage, String label, String reason) {
        Map<String, Object> data = stage(runId, stage, label);
        data.put("reason", reason == null ? "unknown" : reason);
        lane.emit(EventTypes.STAGE_FAILED, runId, stage + "/" + label, data);
    }

    public void reviewOpened(String runId, String language, int tasks, int required, String mode) {
        Map<String, Object> data = run(runId);
        data.put("language", language);
        data.put("tasks", tasks);
        data.put("required", required);
        data.put("mode", mode);
        lane.emit(EventTypes.REVIEW_OPENED, runId, "review/" + language, data);
    }

    public void reviewDecided(String runId, String language, String taskId, int version, String verdict) {
        Map<String, Object> data = run(runId);
        data.put("language", language);
        data.put("taskId", taskId);
        data.put("version", version);
        data.put("verdict", verdict);
        lane.emit(EventTypes.REVIEW_DECIDED, runId, "review/" + language + "/" + taskId + "/v" + version, data);
    }

    /** The validate stage's {@code quarantine.<reason>} metrics as counts per reason. */
    public void quarantineCounted(String runId, String label, StageResult validated) {
        Map<String, Object> data = run(runId);
        data.put("label", label);
        Map<String, Long> reasons = new TreeMap<>();
        validated.metrics().forEach((key, value) -> {
            if (key.startsWith("quarantine.") && value > 0) {
                reasons.put(key.substring("quarantine.".length()), Math.round(value));
            }
        });
        data.put("records", Math.round(validated.metrics().getOrDefault("records", 0.0)));
        data.put("quarantined", Math.round(validated.metrics().getOrDefault("quarantined", 0.0)));
        data.put("reasons", reasons);
        lane.emit(EventTypes.QUARANTINE_COUNTED, runId, "quarantine/" + label, data);
    }

    private static Map<String, Object> run(String runId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", runId);
        return data;
    }

    private static Map<String, Object> stage(String runId, String stage, String label) {
        Map<String, Object> data = run(runId);
        data.put("stage", stage);
        data.put("label", label);
        return data;
    }

    /** An artifact reference (claim check), never the data; left out when there is none. */
    private static void putArtifact(Map<String, Object> data, String field, ArtifactRef ref) {
        if (ref == null) {
            return;
        }
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("uri", ref.uri());
        artifact.put("sha256", ref.sha256());
        artifact.put("size", ref.size());
        artifact.put("recordCount", ref.recordCount());
        data.put(field, artifact);
    }
}
