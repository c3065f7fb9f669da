package dev.palo.workflows.language;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;

/**
 * One step of a language pipeline. Called from workflow code, so implementations only call
 * activities. A new stage is one more implementation appended to the pipeline's list.
 */
interface LanguageStage {
    String name();

    StageResult run(LanguageJob job, ArtifactRef input, String stageTrackingRunId);
}
