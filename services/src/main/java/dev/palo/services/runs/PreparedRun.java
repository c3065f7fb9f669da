package dev.palo.services.runs;

import dev.palo.workflows.pipeline.PipelineSpec;
import java.util.Map;

/**
 * A run request checked and made into what starting it takes.
 *
 * @param spec     the pipeline spec
 * @param miniTree the PALO-mini tree on this machine whose gold the simulated reviewers decide with; null for data
 *                 from the store
 * @param memo     what the runs list shows of it (trigger, languages, data)
 */
public record PreparedRun(PipelineSpec spec, String miniTree, Map<String, String> memo) {
}
