package dev.palo.workflows.events;

import java.util.List;

/**
 * The CloudEvents {@code type}s the pipeline publishes. Each has a JSON Schema for its whole CloudEvent in
 * {@code docs/events/<type without prefix>.schema.json}.
 */
public final class EventTypes {
    public static final String PREFIX = "dev.palo.";
    public static final String RUN_STARTED = PREFIX + "run.started";
    public static final String RUN_COMPLETED = PREFIX + "run.completed";
    public static final String RUN_FAILED = PREFIX + "run.failed";
    public static final String STAGE_STARTED = PREFIX + "stage.started";
    public static final String STAGE_COMPLETED = PREFIX + "stage.completed";
    public static final String STAGE_FAILED = PREFIX + "stage.failed";
    public static final String REVIEW_OPENED = PREFIX + "review.opened";
    public static final String REVIEW_DECIDED = PREFIX + "review.decided";
    public static final String QUARANTINE_COUNTED = PREFIX + "quarantine.counted";
    public static final List<String> ALL = List.of(RUN_STARTED, RUN_COMPLETED, RUN_FAILED, STAGE_STARTED,
            STAGE_COMPLETED, STAGE_FAILED, REVIEW_OPENED, REVIEW_DECIDED, QUARANTINE_COUNTED);

    private EventTypes() {
    }
}
