package dev.palo.services.runs;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;

/** Status words of the API: Temporal's execution statuses without their prefix, plus PENDING. */
public final class RunStatus {
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    static final String PENDING = "PENDING";
    private static final String PREFIX = "WORKFLOW_EXECUTION_STATUS_";

    private RunStatus() {
    }

    public static String of(WorkflowExecutionStatus status) {
        return status.name().substring(PREFIX.length());
    }
}
