package dev.palo.workflows.evaluate;

import dev.palo.workflows.ArtifactRef;
import java.util.List;

/**
 * What the evaluate child workflow needs from its pipeline.
 *
 * @param runId         pipeline run id (first part of every output key)
 * @param models        every arm to evaluate, each arm once
 * @param bench         multilingual bench folder in PALO's layout (stored directory index)
 * @param languages     language codes, in report order
 * @param config        generation and scorer settings
 * @param trackingRunId the pipeline's tracking run (one nested run per arm is made under it)
 * @param warnings      what the run went on despite (a language below its QA floor): the report states them
 */
public record EvaluateSpec(String runId, List<ArmModel> models, ArtifactRef bench, List<String> languages,
                           EvaluateConfig config, String trackingRunId, List<String> warnings) {
    public EvaluateSpec {
        models = models == null ? List.of() : List.copyOf(models);
        languages = languages == null ? List.of() : List.copyOf(languages);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public EvaluateSpec(String runId, List<ArmModel> models, ArtifactRef bench, List<String> languages,
                        EvaluateConfig config, String trackingRunId) {
        this(runId, models, bench, languages, config, trackingRunId, List.of());
    }
}
