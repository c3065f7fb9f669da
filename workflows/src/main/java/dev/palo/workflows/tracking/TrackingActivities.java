package dev.palo.workflows.tracking;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import java.util.Map;

/**
 * Experiment tracking: one run per pipeline, one nested run per stage and language.
 * Starting is idempotent (find-or-create by tags), so retried activities never duplicate runs.
 */
@ActivityInterface
public interface TrackingActivities {
    /** Returns the tracking run id of pipeline {@code pipelineRunId}, creating it once. */
    String startPipelineRun(String pipelineRunId, Map<String, String> params);

    /** Returns the nested run id for one stage × language, creating it once. */
    String startStageRun(String parentTrackingRunId, String stage, String language);

    /** Logs the stage's metrics and cache-hit tag, then ends the nested run. */
    void finishStageRun(String trackingRunId, StageResult result);

    /** Tags a run with a warning the run goes on despite ({@code palo.warning.<key>}), for MLflow's run page. */
    void warn(String trackingRunId, String key, String message);

    /** Ends a run as FINISHED or FAILED. */
    void endRun(String trackingRunId, boolean succeeded);
}
