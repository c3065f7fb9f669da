package dev.palo.activities.training;

import dev.palo.workflows.ArtifactRef;

/**
 * A training stage's heartbeat details: steps done and the checkpoint a retry resumes from.
 *
 * @param step       optimizer steps done
 * @param checkpoint StoredDirectory index of the last checkpoint written, or null before the first
 */
public record TrainingProgress(int step, ArtifactRef checkpoint) {
    static final TrainingProgress START = new TrainingProgress(0, null);
}
