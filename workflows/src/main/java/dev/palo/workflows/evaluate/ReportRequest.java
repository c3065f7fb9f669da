package dev.palo.workflows.evaluate;

import dev.palo.workflows.dataset.DatasetArm;
import java.util.List;

/**
 * Table 1 of a run.
 *
 * @param runId         pipeline run id
 * @param arms          each evaluated arm's scores; the delta row needs both {@link DatasetArm}s
 * @param trackingRunId the pipeline's tracking run: receives the report files and per-language metrics
 * @param warnings      what the run went on despite, stated under the table (empty: nothing to state)
 */
public record ReportRequest(String runId, List<ArmScores> arms, String trackingRunId, List<String> warnings) {
    public ReportRequest {
        arms = arms == null ? List.of() : List.copyOf(arms);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ReportRequest(String runId, List<ArmScores> arms, String trackingRunId) {
        this(runId, arms, trackingRunId, List.of());
    }
}
