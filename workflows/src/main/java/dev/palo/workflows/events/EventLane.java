package dev.palo.workflows.events;

import dev.palo.workflows.ActivityPolicies;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * A workflow's events, published in the order the workflow emitted them by one publish at a time, while the stages
 * go on without waiting. Each publish takes every event that waits behind the previous one (up to
 * {@link #MAX_BATCH}): a publish ending wakes the workflow for a task, so a burst of events — a reviewer's decisions,
 * one stage ending as the next starts — costs one task rather than one each. A publish that still fails after its
 * retry window (the broker down for minutes) is logged and skipped: events never fail or stall a run.
 * {@link #drain()} waits for the lane before the workflow ends or continues as new, so no event is lost to a closed
 * workflow.
 *
 * <p>Workflows emit only when {@link #VERSION_ID} says this history has events; histories from before replay
 * without a single publish command, and histories from before {@link #BATCHED} publish one event per activity.
 */
public final class EventLane {
    public static final String VERSION_ID = "kafka-events";
    /** Version 1 publishes the run's events, one per publish; histories recorded before it have none. */
    private static final int ONE_BY_ONE = 1;
    /** Version 2 publishes every event waiting in one publish. */
    static final int BATCHED = 2;
    /** Events per publish at most: a decision burst stays well inside Temporal's payload limit. */
    static final int MAX_BATCH = 50;
    private static final Logger LOG = Workflow.getLogger(EventLane.class);
    /** Per publish: a broker outage of up to this long delays, and never loses, its events. */
    static final Duration PUBLISH_WINDOW = Duration.ofMinutes(5);

    private final EventActivities activities = Workflow.newActivityStub(EventActivities.class, ActivityPolicies.events(PUBLISH_WINDOW));
    private final int version;
    /** {@link #ONE_BY_ONE}: the last publish of the chain. */
    private Promise<Void> tail = Workflow.newPromise(null);
    /** {@link #BATCHED}: the events not yet handed to a publish, in order, and whether a publish is under way. */
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private boolean publishing;

    private record Waiting(PaloEvent event, Promise<Void> before) {
    }

    private EventLane(int version) {
        this.version = version;
    }

    /** A lane that publishes as this history's version says, or does nothing on histories from before events. */
    public static EventLane forThisWorkflow() {
        return new EventLane(Workflow.getVersion(VERSION_ID, Workflow.DEFAULT_VERSION, BATCHED));
    }

    public boolean enabled() {
        return version >= ONE_BY_ONE;
    }

    /** Queues the event behind the ones emitted before it. */
    public void emit(String type, String runId, String subject, Map<String, Object> data) {
        emitAfter(Workflow.newPromise(null), type, runId, subject, data);
    }

    /**
     * Queues the event behind the ones emitted before it and behind {@code before} (a stage's tracking run being
     * finished off the path: the event that names the run is published once the run is closed, and not at all if
     * closing it failed).
     */
    public void emitAfter(Promise<Void> before, String type, String runId, String subject, Map<String, Object> data) {
        if (!enabled()) {
            return;
        }
        PaloEvent event = PaloEvent.of(type, runId, subject, Workflow.currentTimeMillis(), data);
        if (version == ONE_BY_ONE) {
            chainOneByOne(before, event);
            return;
        }
        waiting.add(new Waiting(event, before));
        if (!publishing) {
            publishWaiting();
        }
    }

    private void chainOneByOne(Promise<Void> before, PaloEvent event) {
        Promise<Void> previous = tail.handle((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("an event before {} was not published: {}", event.id(), failure.getMessage());
            }
            return null;
        });
        tail = (before.isCompleted() ? previous : Promise.allOf(previous, before))
                .thenCompose(ignored -> Async.procedure(activities::publish, event));
    }

    /**
     * Starts one publish of the waiting events whose {@code before} has settled, up to the first that is still held
     * back; once it ends, the next. With nothing to publish yet, waits for the held-back event's {@code before}.
     */
    private void publishWaiting() {
        List<PaloEvent> batch = new ArrayList<>();
        while (!waiting.isEmpty() && batch.size() < MAX_BATCH && waiting.peek().before().isCompleted()) {
            Waiting next = waiting.poll();
            if (next.before().getFailure() != null) {
                LOG.warn("event {} not published: {}", next.event().id(), next.before().getFailure().getMessage());
            } else {
                batch.add(next.event());
            }
        }
        publishing = !waiting.isEmpty() || !batch.isEmpty();
        if (batch.isEmpty()) {
            if (publishing) {
                waiting.peek().before().handle((ignored, failure) -> {
                    publishWaiting();
                    return null;
                });
            }
            return;
        }
        Async.procedure(activities::publishAll, batch).handle((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("events {} not published: {}", batch.stream().map(PaloEvent::id).toList(),
                        failure.getMessage());
            }
            publishWaiting();
            return null;
        });
    }

    /** Tags the tracking run with the trigger, when a trigger started this run. */
    public void tag(String trackingRunId, TriggerInfo trigger) {
        if (!enabled() || trigger == null) {
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
        if (version == ONE_BY_ONE) {
            tail.handle((ignored, failure) -> {
                if (failure != null) {
                    LOG.warn("an event was not published: {}", failure.getMessage());
                }
                return null;
            }).get();
        } else if (version >= BATCHED) {
            Workflow.await(() -> !publishing);
        }
    }
}
