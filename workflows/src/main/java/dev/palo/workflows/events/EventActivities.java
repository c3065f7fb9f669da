package dev.palo.workflows.events;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** Publishing what a run did, and labelling the run with the trigger that started it. */
@ActivityInterface
public interface EventActivities {
    /** Writes the event to the events topic and returns once the broker acknowledged it. */
    @ActivityMethod(name = "PublishEvent")
    void publish(PaloEvent event);

    /** Tags the pipeline's tracking run ({@code palo.trigger.*}), so MLflow shows what started it. */
    @ActivityMethod(name = "TagTrackingRun")
    void tagTrackingRun(String trackingRunId, Map<String, String> tags);
}
