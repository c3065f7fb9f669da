package dev.palo.workflows.dataset;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Dataset-build stage: the English set and, for the PALO arm, every translated set merged into one
 * shuffled, deduplicated, sharded LLaVA JSON dataset. The result's output is the dataset's index
 * ({@code dataset.json}: shards with checksums, counts, lineage), its manifest the stage manifest.
 */
@ActivityInterface
public interface DatasetActivities {
    String STAGE = "dataset-build";

    /** Heartbeats records processed; a retry reuses the shards an earlier attempt stored. */
    @ActivityMethod
    StageResult build(DatasetBuildRequest request);
}
