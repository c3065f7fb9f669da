package dev.palo.activities.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.tracking.TrackingActivities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Pipeline and stage runs on a {@link Tracker}. Identity tags make every start idempotent, so
 * Temporal's retries never create a second run for the same pipeline or stage.
 */
public final class TrackingActivitiesImpl implements TrackingActivities {
    public static final String RUN_TAG = "palo.run";
    public static final String KIND_TAG = "palo.kind";
    static final String PARENT_TAG = "palo.parent";
    static final String STAGE_TAG = "palo.stage";
    static final String LANGUAGE_TAG = "palo.language";
    static final String CACHE_HIT_TAG = "palo.cacheHit";
    static final String WARNING_TAG_PREFIX = "palo.warning.";
    static final String RESULT_ARTIFACT = "reports/stage-result.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tracker tracker;
    private final String experiment;

    public TrackingActivitiesImpl(Tracker tracker, String experiment) {
        this.tracker = tracker;
        this.experiment = experiment;
    }

    @Override
    public String startPipelineRun(String pipelineRunId, Map<String, String> params) {
        return unchecked(() -> {
            String runId = tracker.findOrCreateRun(experiment, "pipeline " + pipelineRunId,
                    Map.of(RUN_TAG, pipelineRunId, KIND_TAG, "pipeline"), null);
            tracker.logParams(runId, params);
            return runId;
        });
    }

    @Override
    public String startStageRun(String parentTrackingRunId, String stage, String language) {
        return unchecked(() -> tracker.findOrCreateRun(experiment, stage + " " + language,
                Map.of(PARENT_TAG, parentTrackingRunId, KIND_TAG, "stage", STAGE_TAG, stage,
                        LANGUAGE_TAG, language), parentTrackingRunId));
    }

    @Override
    public void finishStageRun(String trackingRunId, StageResult result) {
        unchecked(() -> {
            tracker.logBatch(trackingRunId, result.metrics(), Map.of(CACHE_HIT_TAG, Boolean.toString(result.cacheHit())));
            tracker.uploadArtifact(trackingRunId, RESULT_ARTIFACT, JSON.writeValueAsBytes(result),
                    "application/json");
            tracker.endRun(trackingRunId, true);
            return null;
        });
    }

    @Override
    public void warn(String trackingRunId, String key, String message) {
        unchecked(() -> {
            tracker.setTag(trackingRunId, WARNING_TAG_PREFIX + key, message);
            return null;
        });
    }

    @Override
    public void endRun(String trackingRunId, boolean succeeded) {
        unchecked(() -> {
            tracker.endRun(trackingRunId, succeeded);
            return null;
        });
    }

    /** Tracking outages are transient: the IOException surfaces and Temporal retries the call. */
    private static <T> T unchecked(TrackerCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface TrackerCall<T> {
        T run() throws IOException;
    }
}
