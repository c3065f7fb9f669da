package dev.palo.workflows.events;

import dev.palo.workflows.ActivityPolicies;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/**
 * A workflow's events, published one after another by the publish activity: each publish starts when the previous
 * one ended, so a run's events reach the topic in the order the workflow emitted them, while the stages go on
 * without waiting. A publish that still fails after its retry window (the broker down for minutes) is logged and
 * skipped: events never fail or stall a run. {@link #drain()} waits for the lane before the workflow ends or
 * continues as new, so no event is lost to a closed workflow.
 *
 * <p>Workflows emit only when {@link #VERSION_ID} says this history has events; histories from before replay
 * without a single publish command.
 */
public final class EventLane {
    /** Version 1 publishes the run's events; histories recorded before it have none. */
    public static final String VERSION_ID = "kafka-events";
    private static final int VERSION = 1;
    private static final Logger LOG = Workflow.getLogger(EventLane.class);
    /** Per event: a broker outage of up to this long delays, and never loses, the event. */
    static final Duration PUBLISH_WINDOW = Duration.ofMinutes(5);

    private final EventActivities activities = Workflow.newActivityStub(EventActivities.class, ActivityPolicies.events(PUBLISH_WINDOW));
    private final boolean enabled;
    private Promise<Void> tail = Workflow.newPromise(null);

    private EventLane(boolean enabled) {
        this.enabled = enabled;
    }

    /** A lane that publishes when this history is new enough, and otherwise does nothing. */
    public static EventLane forThisWorkflow() {
        return new EventLane(Workflow.getVersion(VERSION_ID, Workflow.DEFAULT_VERSION, VERSION) == VERSION);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Queues the event behind the ones emitted before it. */
    public void emit(String type, String runId, String subject, Map<String, Object> data) {
        emitAfter(Workflow.newPromise(null), type, runId, subject, data);
    }

    /**
     * Queues the event behind the ones emitted before it and behind {@code before} (a stage's tracking run being
     * finished off the path: the event that names the run is published once the run is closed).
     */
    public void emitAfter(Promise<Void> before, String type, String runId, String subject, Map<String, Object> data) {
        if (!enabled) {
            return;
        }
        PaloEvent event = PaloEvent.of(type, runId, subject, Workflow.currentTimeMillis(), data);
        Promise<Void> previous = tail.handle((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("an event before {} was not published: {}", event.id(), failure.getMessage());
            }
            return null;
        });
        tail = (before.isCompleted() ? previous : Promise.allOf(previous, before))
                .thenCompose(ignored -> Async.procedure(activities::publish, event));
    }

    /** Tags the tracking run with the trigger, when a trigger started this run. */
    public void tag(String trackingRunId, TriggerInfo trigger) {
        if (!enabled || trigger == null) {
            return;
        }
        try {
            activities.tagTrackingRun(trackingRunId, trigger.tags());
        } catch (ActivityFailure e) {
            LOG.warn("tracking run {} not tagged with its trigger: {}", trackingRunId, e.getMessage());
        }
    }

    /** Waits until every event emitted so far was published or given up on. */
    public void drain() {
        if (!enabled) {
            return;
        }
        Promise<Void> last = tail;
        last.handle((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("an event was not published: {}", failure.getMessage());
            }
            return null;
        }).get();
    }
}
