package dev.palo.activities.scheduling;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A GPU lane's work in the scheduling tests: holds the lane for a while and records when it got it. */
final class LaneProbe {
    /** Names in the order the lane started them, across every probe of the test JVM. */
    static final List<String> STARTED = new CopyOnWriteArrayList<>();

    private LaneProbe() {
    }

    @ActivityInterface
    public interface Activities {
        @ActivityMethod(name = "HoldLane")
        void hold(String name, long millis);
    }

    static final class ActivitiesImpl implements Activities {
        @Override
        public void hold(String name, long millis) {
            STARTED.add(name);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One piece of work: scheduled {@code afterMillis} after the previous one, holding the lane {@code millis}.
     */
    public record Job(String name, dev.palo.workflows.WorkClass work, long millis, long afterMillis) {
    }

    @WorkflowInterface
    public interface Workflow {
        @WorkflowMethod
        void schedule(String taskQueue, List<Job> jobs);
    }
}
