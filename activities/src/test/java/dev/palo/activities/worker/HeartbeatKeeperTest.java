package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A heartbeat timeout of one second against activities that go quiet for longer: with the keeper they finish, and
 * a resumed attempt still reads what the failed one heartbeated; without it the server declares them dead.
 */
class HeartbeatKeeperTest {
    private static final String QUEUE = "keeper";

    @ActivityInterface
    public interface QuietActivities {
        /** Sleeps without heartbeating; returns the heartbeat details an earlier attempt left, or -1. */
        int quiet(int millis);

        /**
         * Attempt 1 heartbeats 5 and fails; attempt 2 reads the details to resume from, goes quiet, then returns them as
         * it reads them again: unchanged by the keeper's beats.
         */
        int resume(int millis);
    }

    public static final class QuietActivitiesImpl implements QuietActivities {
        private final AtomicInteger resumeAttempts = new AtomicInteger();

        @Override
        public int quiet(int millis) {
            int earlier = Activity.getExecutionContext().getHeartbeatDetails(Integer.class).orElse(-1);
            sleep(millis);
            return earlier;
        }

        @Override
        public int resume(int millis) {
            if (resumeAttempts.incrementAndGet() == 1) {
                Activity.getExecutionContext().heartbeat(5);
                throw new IllegalStateException("first attempt fails after heartbeating 5");
            }
            int resumedFrom = Activity.getExecutionContext().getHeartbeatDetails(Integer.class).orElse(-1);
            sleep(millis);
            int again = Activity.getExecutionContext().getHeartbeatDetails(Integer.class).orElse(-2);
            return resumedFrom == again ? again : -3;
        }

        private static void sleep(int millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @WorkflowInterface
    public interface QuietWorkflow {
        @WorkflowMethod
        int run(boolean resume);
    }

    public static final class QuietWorkflowImpl implements QuietWorkflow {
        private final QuietActivities activities = Workflow.newActivityStub(QuietActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(1))
                        .setHeartbeatTimeout(Duration.ofSeconds(1))
                        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100))
                                .setMaximumAttempts(2).build())
                        .build());

        @Override
        public int run(boolean resume) {
            return resume ? activities.resume(3_000) : activities.quiet(3_000);
        }
    }

    @Test
    void aQuietActivityOutlivesItsHeartbeatTimeout() {
        assertEquals(-1, run(true, false));
    }

    @Test
    void aResumedAttemptReadsTheDetailsOfTheFailedOne() {
        assertEquals(5, run(true, true));
    }

    @Test
    void withoutTheKeeperTheServerDeclaresItDead() {
        assertThrows(WorkflowFailedException.class, () -> run(false, false));
    }

    private static int run(boolean keeper, boolean resume) {
        WorkerFactoryOptions factory = keeper
                ? WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new HeartbeatKeeper()).build()
                : WorkerFactoryOptions.getDefaultInstance();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setWorkerFactoryOptions(factory).build())) {
            Worker worker = env.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(QuietWorkflowImpl.class);
            worker.registerActivitiesImplementations(new QuietActivitiesImpl());
            env.start();
            return env.getWorkflowClient().newWorkflowStub(QuietWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("quiet-" + keeper + resume).build())
                    .run(resume);
        }
    }
}
