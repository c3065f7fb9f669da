package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.GpuScheduling;
import dev.palo.workflows.TaskQueues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
    @Test
    void defaultsPointAtTheLocalStackAndPollBothQueues() {
        WorkerSettings settings = WorkerSettings.fromEnvironment(Map.of());
        assertEquals("127.0.0.1:7233", settings.temporalAddress());
        assertEquals("default", settings.namespace());
        assertEquals(List.of(TaskQueues.CPU, TaskQueues.GPU), settings.taskQueues());
    }

    @Test
    void environmentChoosesServerNamespaceQueuesAndFolders() {
        WorkerSettings settings = WorkerSettings.fromEnvironment(Map.of(
                "PALO_TEMPORAL_ADDRESS", "temporal:7233", "PALO_TEMPORAL_NAMESPACE", "palo",
                "PALO_WORKER_QUEUES", " palo-gpu ,", "PALO_MLFLOW_EXPERIMENT", "exp", "PALO_WORK_DIR", "/scratch",
                "PALO_GPU_SLOTS", "1"));
        assertEquals(new WorkerSettings("temporal:7233", "palo", List.of(TaskQueues.GPU), "exp", Path.of("/scratch"), 1),
                settings);
    }

    @Test
    void gpuSlotsDefaultToTemporalsAndRejectNonsense() {
        assertEquals(WorkerSettings.TEMPORAL_DEFAULT_SLOTS, WorkerSettings.fromEnvironment(Map.of()).gpuSlots());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> WorkerSettings.fromEnvironment(Map.of("PALO_GPU_SLOTS", "one")));
        assertTrue(word.getMessage().contains("PALO_GPU_SLOTS"), word.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorkerSettings.fromEnvironment(Map.of("PALO_GPU_SLOTS", "0")));
    }

    @Test
    void cpuSlotsBoundThePalocpuActivitiesOfAProcessAndDefaultToTemporals() {
        assertEquals(WorkerSettings.TEMPORAL_DEFAULT_SLOTS, WorkerSettings.fromEnvironment(Map.of()).cpuSlots());
        assertEquals(8, WorkerSettings.fromEnvironment(Map.of("PALO_CPU_SLOTS", "8")).cpuSlots());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> WorkerSettings.fromEnvironment(Map.of("PALO_CPU_SLOTS", "0")));
        assertTrue(zero.getMessage().contains("PALO_CPU_SLOTS"), zero.getMessage());
    }

    @Test
    void queuesSchedulingAddsTheShortGpuQueueToTheDefaultsAndNonsenseSaysWhatIsAllowed() {
        assertEquals(GpuScheduling.PRIORITY, WorkerSettings.fromEnvironment(Map.of()).gpuScheduling());
        WorkerSettings queues = WorkerSettings.fromEnvironment(Map.of("PALO_GPU_SCHEDULING", "queues"));
        assertEquals(GpuScheduling.QUEUES, queues.gpuScheduling());
        assertEquals(List.of(TaskQueues.CPU, TaskQueues.GPU, TaskQueues.GPU_SHORT), queues.taskQueues());
        assertEquals(List.of(TaskQueues.GPU_SHORT), WorkerSettings.fromEnvironment(Map.of(
                "PALO_GPU_SCHEDULING", "QUEUES", "PALO_WORKER_QUEUES", "palo-gpu-short")).taskQueues(),
                "a pool of short work polls only its queue");
        IllegalArgumentException fifo = assertThrows(IllegalArgumentException.class,
                () -> WorkerSettings.fromEnvironment(Map.of("PALO_GPU_SCHEDULING", "fifo")));
        assertEquals("PALO_GPU_SCHEDULING must be 'priority' or 'queues', got 'fifo'", fifo.getMessage());
    }
}
