package dev.palo.activities.scheduling;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules each job with the platform's own GPU activity options (its work class's priority, the run's GPU scheduling)
 * on a test queue.
 */
public class LaneProbeWorkflowImpl implements LaneProbe.Workflow {
    @Override
    public List<StageResult> schedule(String taskQueue, List<LaneProbe.Job> jobs) {
        List<Promise<StageResult>> held = new ArrayList<>();
        for (LaneProbe.Job job : jobs) {
            if (job.afterMillis() > 0) {
                Workflow.sleep(Duration.ofMillis(job.afterMillis()));
            }
            ActivityOptions platform = ActivityPolicies.gpuStage(job.work());
            // the platform's queue, moved onto this test's own pair: the lane, and short work's own lane
            String queue = TaskQueues.GPU_SHORT.equals(platform.getTaskQueue()) ? LaneProbe.shortQueue(taskQueue)
                    : taskQueue;
            ActivityOptions options = ActivityOptions.newBuilder(platform).setTaskQueue(queue).build();
            LaneProbe.Activities lane = Workflow.newActivityStub(LaneProbe.Activities.class, options);
            held.add(Async.function(lane::hold, job.name(), job.millis()));
        }
        return held.stream().map(Promise::get).toList();
    }
}
