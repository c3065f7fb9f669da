package dev.palo.services.runs;

import dev.palo.workflows.StageResult;
import dev.palo.workflows.tracking.TrackingActivities;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages of one workflow, read from its history: each stage opens with a {@code startStageRun} tracking call
 * and closes with {@code finishStageRun} on the tracking run the first returned. Keyed by that tracking run, so a
 * stage that runs twice (translate, then re-translate) shows twice.
 */
final class StageEvents {
    private static final String START_STAGE = TemporalHistory.activityType(TrackingActivities.class,
            "startStageRun", String.class, String.class, String.class);
    private static final String FINISH_STAGE = TemporalHistory.activityType(TrackingActivities.class,
            "finishStageRun", String.class, StageResult.class);

    private StageEvents() {
    }

    /**
     * Stages in the order they started. {@code labelled} names each stage with its tracking label too
     * ({@code dataset-build baseline}), for workflows whose stages serve several languages or arms.
     */
    static List<StageProgress> read(List<HistoryEvent> events, boolean labelled) {
        Map<Long, String> startNames = new HashMap<>();
        Map<String, StageProgress> byTrackingRun = new LinkedHashMap<>();
        for (HistoryEvent event : events) {
            if (event.hasActivityTaskScheduledEventAttributes()) {
                var scheduled = event.getActivityTaskScheduledEventAttributes();
                String type = scheduled.getActivityType().getName();
                if (START_STAGE.equals(type)) {
                    String stage = TemporalHistory.argument(scheduled.getInput(), 1, String.class);
                    String label = TemporalHistory.argument(scheduled.getInput(), 2, String.class);
                    startNames.put(event.getEventId(), labelled ? stage + " " + label : stage);
                } else if (FINISH_STAGE.equals(type)) {
                    String trackingRun = TemporalHistory.argument(scheduled.getInput(), 0, String.class);
                    StageResult done = TemporalHistory.argument(scheduled.getInput(), 1, StageResult.class);
                    StageProgress running = byTrackingRun.get(trackingRun);
                    String name = running != null ? running.stage() : done.stage();
                    byTrackingRun.put(trackingRun, StageProgress.completed(name, done.cacheHit(), done.metrics()));
                }
            } else if (event.hasActivityTaskCompletedEventAttributes()) {
                var completed = event.getActivityTaskCompletedEventAttributes();
                String name = startNames.remove(completed.getScheduledEventId());
                if (name != null) {
                    String trackingRun = TemporalHistory.argument(completed.getResult(), 0, String.class);
                    byTrackingRun.putIfAbsent(trackingRun, StageProgress.running(name));
                }
            }
        }
        // a stage whose start call is still in flight is running too
        List<StageProgress> stages = new ArrayList<>(byTrackingRun.values());
        startNames.values().forEach(name -> stages.add(StageProgress.running(name)));
        return stages;
    }
}
