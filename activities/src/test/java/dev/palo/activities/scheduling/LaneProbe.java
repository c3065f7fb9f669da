package dev.palo.activities.scheduling;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A GPU lane's work in the scheduling tests: holds the lane for a while and records when it got it. */
final class LaneProbe {
    /** Names in the order the lane started them, across every probe of the test JVM. */
    static final List<String> STARTED = new CopyOnWriteArrayList<>();

    private LaneProbe() {
    }

    @ActivityInterface
    public interface Activities {
        /** A stage's result, so that the worker's {@code QueueWait} can add the wait it measured. */
        @ActivityMethod(name = "HoldLane")
        StageResult hold(String name, long millis);
    }

    static final class ActivitiesImpl implements Activities {
        @Override
        public StageResult hold(String name, long millis) {
            STARTED.add(name);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new StageResult("probe", name, null, null, false, Map.of());
        }
    }

    /**
     * One piece of work: scheduled {@code afterMillis} after the previous one, holding the lane {@code millis}.
     */
    /** The test's stand-in for {@code palo-gpu-short} beside {@code laneQueue}'s for {@code palo-gpu}. */
    static String shortQueue(String laneQueue) {
        return laneQueue + "-short";
    }

    public record Job(String name, dev.palo.workflows.WorkClass work, long millis, long afterMillis) {
    }

    @WorkflowInterface
    public interface Workflow {
        /** Each job's result, in the jobs' order. */
        @WorkflowMethod
        List<StageResult> schedule(String taskQueue, List<Job> jobs);
    }
}
