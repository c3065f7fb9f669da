package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.workflows.GpuScheduling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memo a run's pipeline starts with: what the runs list shows, and the deployment's GPU scheduling. */
class RunMemoTest {
    @Test
    void aRunCarriesTheDeploymentsGpuSchedulingBesideWhatTheListShows() {
        Map<String, Object> memo = RunMemo.of(RunTrigger.API, List.of("ar", "hi"), "mini:tiny", GpuScheduling.QUEUES);

        assertEquals(Map.of(RunMemo.TRIGGER, "API", RunMemo.LANGUAGES, "ar,hi", RunMemo.DATA, "mini:tiny",
                GpuScheduling.MEMO_KEY, "queues"), memo);
        assertEquals("priority", RunMemo.of(RunTrigger.CLI, List.of("fr"), "mini:tiny", GpuScheduling.PRIORITY)
                .get(GpuScheduling.MEMO_KEY), "written even for the default, so a run says which it ran under");
    }
}
