package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.workflows.RunPriority;
import dev.palo.workflows.WorkClass;
import io.temporal.common.Priority;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The priority a run's workflow starts with, and what its GPU work makes of it. */
class RunPriorityOptionsTest {
    @Test
    void aNormalRunSetsOnlyItsFairnessKeyAndOthersTheirPriorityKey() {
        Priority normal = RunCommands.options("run-1", null, Map.of(), null).getPriority();
        assertEquals(0, normal.getPriorityKey());
        assertEquals("run-1", normal.getFairnessKey());
        assertEquals(0, RunCommands.options("run-1", null, Map.of(), RunPriority.NORMAL).getPriority().getPriorityKey());
        assertEquals(2, RunCommands.options("run-1", null, Map.of(), RunPriority.HIGH).getPriority().getPriorityKey());
        assertEquals(4, RunCommands.options("run-1", null, Map.of(), RunPriority.LOW).getPriority().getPriorityKey());
    }

    @Test
    void gpuWorkShiftsByTheRunsKeyWithinTemporalsRange() {
        assertEquals(2, WorkClass.SHORT.priority(0).getPriorityKey());
        assertEquals(4, WorkClass.LONG.priority(RunPriority.NORMAL.key()).getPriorityKey());
        assertEquals(1, WorkClass.SHORT.priority(RunPriority.HIGH.key()).getPriorityKey());
        assertEquals(3, WorkClass.LONG.priority(RunPriority.HIGH.key()).getPriorityKey());
        assertEquals(5, WorkClass.LONG.priority(RunPriority.LOW.key()).getPriorityKey());
        assertEquals(1, WorkClass.SHORT.priority(1).getPriorityKey()); // clamped
        assertEquals(5, WorkClass.LONG.priority(5).getPriorityKey());
    }
}
