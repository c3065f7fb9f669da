package dev.palo.activities.basemodel;

import dev.palo.workflows.ArtifactRef;

/**
 * The base-model stage's heartbeat details: what a retry restores instead of redoing.
 *
 * @param vision the trained vision tower (StoredDirectory index), or null until it is trained
 * @param lm     the LM's last training state (StoredDirectory index), or null before the first checkpoint
 * @param lmStep LM optimizer steps done
 */
public record BaseModelProgress(ArtifactRef vision, ArtifactRef lm, int lmStep) {
    static final BaseModelProgress START = new BaseModelProgress(null, null, 0);

    BaseModelProgress withVision(ArtifactRef trained) {
        return new BaseModelProgress(trained, lm, lmStep);
    }

    BaseModelProgress withLm(ArtifactRef state, int step) {
        return new BaseModelProgress(vision, state, step);
    }

    BaseModelProgress atStep(int step) {
        return new BaseModelProgress(vision, lm, step);
    }
}
