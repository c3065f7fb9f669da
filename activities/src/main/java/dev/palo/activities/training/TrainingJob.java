package dev.palo.activities.training;

import dev.palo.activities.storage.StageLocation;
import dev.palo.model.train.TrainingConfig;
import dev.palo.workflows.ArtifactRef;
import java.util.List;

/**
 * One training stage's work, as {@link TrainingStage} runs it.
 *
 * @param location        where outputs, checkpoints and the manifest go (its cache key covers the inputs)
 * @param codeVersion     the stage implementation's version, recorded in the manifest
 * @param parentBundle    the PaloModel bundle training starts from
 * @param recordFiles     LLaVA JSON files, read in this order
 * @param imagePrefix     object-store key prefix the records' image paths are relative to
 * @param template        conversation template name ({@code plain}, {@code vicuna_v1})
 * @param config          the training recipe, scaled
 * @param checkpointEvery optimizer steps between checkpoints
 * @param trackingRunId   the stage's tracking run
 * @param input           what the manifest records as the stage's input
 * @param outputs         writes the trained weights into the output bundle
 */
public record TrainingJob(StageLocation location, String codeVersion, ArtifactRef parentBundle,
                          List<ArtifactRef> recordFiles, String imagePrefix, String template, TrainingConfig config,
                          int checkpointEvery, String trackingRunId, ArtifactRef input, BundleWriter outputs) {
    public TrainingJob {
        recordFiles = List.copyOf(recordFiles);
    }
}
