package dev.palo.services.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.workflows.GpuScheduling;
import dev.palo.workflows.TaskQueues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queues whose backlog a deployment's pools scale on. */
class TaskQueueBacklogTest {
    @Test
    void shortGpuWorkHasABacklogOfItsOwnOnlyUnderQueuesScheduling() {
        assertEquals(List.of(TaskQueues.CPU, TaskQueues.GPU), TaskQueueBacklog.queues(GpuScheduling.PRIORITY));
        assertEquals(List.of(TaskQueues.CPU, TaskQueues.GPU, TaskQueues.GPU_SHORT),
                TaskQueueBacklog.queues(GpuScheduling.QUEUES));
    }
}
