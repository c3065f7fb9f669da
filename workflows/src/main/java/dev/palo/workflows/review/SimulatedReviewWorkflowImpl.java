package dev.palo.workflows.review;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.TaskQueues;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/** Runs the languages' simulated reviewers side by side; returns how many decisions they made in all. */
public class SimulatedReviewWorkflowImpl implements SimulatedReviewWorkflow {
    private final SimulatedReviewActivities reviewers = Workflow.newActivityStub(SimulatedReviewActivities.class,
            ActivityPolicies.longStage(TaskQueues.CPU));

    @Override
    public int run(SimulatedReviewJob job) {
        List<Promise<Integer>> decided = new ArrayList<>();
        for (String language : job.languages()) {
            decided.add(Async.function(reviewers::decidePending, job.runId(), language, job.miniTree(), job.delay()));
        }
        int total = 0;
        for (Promise<Integer> count : decided) {
            total += count.get();
        }
        return total;
    }
}
