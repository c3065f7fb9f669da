package dev.palo.workflows.review;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Duration;

/** A simulated reviewer of one language: the demo's stand-in for a person, as a durable activity. */
@ActivityInterface
public interface SimulatedReviewActivities {
    /**
     * Waits until the language's review opens, then decides every task still pending with PALO-mini gold through
     * the same validated update a person's decision takes; returns the decisions made. Returns at once when the
     * run has ended or the review closed. A retry (the worker died) decides only what is still pending.
     */
    @ActivityMethod
    int decidePending(String runId, String language, String miniTree, Duration delay);
}
