package dev.palo.workflows.events;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** Publishing what a run did, and labelling the run with the trigger that started it. */
@ActivityInterface
public interface EventActivities {
    /**
     * Writes the event to the events topic and returns once the broker acknowledged it. What histories recorded
     * before {@link EventLane}'s batched version schedule; a worker keeps it for their runs still open.
     */
    @ActivityMethod(name = "PublishEvent")
    void publish(PaloEvent event);

    /** Writes the events to the events topic in their order and returns once the broker acknowledged every one. */
    @ActivityMethod(name = "PublishEvents")
    void publishAll(List<PaloEvent> events);

    /** Tags the pipeline's tracking run ({@code palo.trigger.*}), so MLflow shows what started it. */
    @ActivityMethod(name = "TagTrackingRun")
    void tagTrackingRun(String trackingRunId, Map<String, String> tags);
}
