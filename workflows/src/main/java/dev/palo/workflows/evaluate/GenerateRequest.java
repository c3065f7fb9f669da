package dev.palo.workflows.evaluate;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;
import java.util.List;

/**
 * One arm's answers to the bench.
 *
 * @param runId         pipeline run id (first part of every output key)
 * @param arm           which model is evaluated, named in keys and tracking
 * @param model         the arm's PaloModel bundle (stored directory index)
 * @param bench         the multilingual bench in PALO's layout, images included (stored directory index)
 * @param languages     language codes to answer in, in report order
 * @param config        decoding and batching
 * @param trackingRunId tracking run receiving throughput figures
 */
public record GenerateRequest(String runId, DatasetArm arm, ArtifactRef model, ArtifactRef bench,
                              List<String> languages, EvaluateConfig config, String trackingRunId) {
    public GenerateRequest {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}
