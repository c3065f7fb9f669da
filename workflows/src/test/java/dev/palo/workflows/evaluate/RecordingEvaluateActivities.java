package dev.palo.workflows.evaluate;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.tracking.TrackingActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Evaluate and tracking activities that record each call with the task queue it arrived on. */
final class RecordingEvaluateActivities implements EvaluateActivities, TrackingActivities {
    record Call(String method, String queue, Object request) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> tracking = new CopyOnWriteArrayList<>();
    /** The arm whose scoring fails, without retry; null: none. */
    volatile DatasetArm failScoring;

    static ArtifactRef ref(String key) {
        return new ArtifactRef("s3://palo/" + key, "sha-" + key, 1, "application/json", 0);
    }

    private StageResult record(String method, Object request, String stage, String language, String output) {
        calls.add(new Call(method, Activity.getExecutionContext().getInfo().getActivityTaskQueue(), request));
        return new StageResult(stage, language, ref(output), ref(output + "/manifest"), false, Map.of("score.en", 1.0));
    }

    @Override
    public StageResult generateAnswers(GenerateRequest request) {
        return record("generate", request, ANSWERS_STAGE, request.arm().code(), "answers-" + request.arm().code());
    }

    @Override
    public StageResult scoreAnswers(ScoreRequest request) {
        if (request.arm() == failScoring) {
            throw ApplicationFailure.newNonRetryableFailure("scoring failed", "test");
        }
        return record("score", request, SCORES_STAGE, request.arm().code(), "scores-" + request.arm().code());
    }

    @Override
    public StageResult writeReport(ReportRequest request) {
        return record("report", request, REPORT_STAGE, "all", "table1");
    }

    @Override
    public String startPipelineRun(String pipelineRunId, Map<String, String> params) {
        return "tracking-" + pipelineRunId;
    }

    @Override
    public String startStageRun(String parentTrackingRunId, String stage, String language) {
        tracking.add("start " + stage + " " + language + " under " + parentTrackingRunId);
        return "stage-" + language;
    }

    @Override
    public void finishStageRun(String trackingRunId, StageResult result) {
        tracking.add("finish " + trackingRunId + " " + result.stage());
    }

    @Override
    public void warn(String trackingRunId, String key, String message) {
        tracking.add("warn " + trackingRunId + " " + key);
    }

    @Override
    public void endRun(String trackingRunId, boolean succeeded) {
        tracking.add("end " + trackingRunId + " " + succeeded);
    }
}
