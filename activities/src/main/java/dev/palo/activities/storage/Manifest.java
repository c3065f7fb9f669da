package dev.palo.activities.storage;

import com.google.common.collect.ImmutableSortedMap;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import java.util.Map;

/**
 * Written last into a stage's output folder: its presence means every output is complete.
 *
 * @param stage       stage name
 * @param language    language code
 * @param runId       run that produced this manifest
 * @param cacheKey    stage, code version, input and config digest
 * @param codeVersion the stage implementation's version
 * @param input       what the stage read
 * @param output      what the stage wrote (another run's output on a cache hit)
 * @param cacheHit    true when {@code output} was reused from an earlier run
 * @param metrics     summary figures
 */
public record Manifest(String stage, String language, String runId, String cacheKey, String codeVersion,
                       ArtifactRef input, ArtifactRef output, boolean cacheHit, Map<String, Double> metrics) {
    public Manifest {
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        metrics = ImmutableSortedMap.copyOf(metrics);
    }

    public Manifest reusedBy(String otherRunId) {
        return new Manifest(stage, language, otherRunId, cacheKey, codeVersion, input, output, true, metrics);
    }

    public StageResult toResult(ArtifactRef manifestRef) {
        return new StageResult(stage, language, output, manifestRef, cacheHit, metrics);
    }
}
