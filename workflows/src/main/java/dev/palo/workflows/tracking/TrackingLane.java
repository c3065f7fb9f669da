package dev.palo.workflows.tracking;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Tracking calls a workflow does not wait for, run one after another: each starts when the previous one ended, so a
 * stage's nested runs are closed before the run they nest in, as when the workflow made the calls in sequence. A call
 * that fails for good does not stop the ones after it; {@link #drain()} throws the first such failure once every call
 * ended, so a workflow still fails when its tracking does, only later. Workflow code only.
 */
final class TrackingLane {
    private static final Logger LOG = Workflow.getLogger(TrackingLane.class);

    private Promise<Void> tail = Workflow.newPromise(null);
    private RuntimeException firstFailure;

    /** Queues {@code call} behind the calls queued before it; the promise completes when it ended, failed or not. */
    Promise<Void> then(Supplier<Promise<Void>> call) {
        tail = tail.thenCompose(ignored -> call.get()).handle((ignored, failure) -> {
            if (failure != null && firstFailure == null) {
                firstFailure = failure;
            }
            return null;
        });
        return tail;
    }

    /** Waits for every queued call; throws the first that failed. */
    void drain() {
        tail.get();
        if (firstFailure != null) {
            RuntimeException failure = firstFailure;
            firstFailure = null;
            throw failure;
        }
    }

    /** Waits for every queued call while the workflow fails with {@code failure}: a failed call is only logged. */
    void drainAfter(RuntimeException failure) {
        tail.get();
        if (firstFailure != null) {
            LOG.warn("a stage's tracking run was not finished ({}) while the workflow failed: {}",
                    firstFailure.getMessage(), failure.getMessage());
            firstFailure = null;
        }
    }
}
