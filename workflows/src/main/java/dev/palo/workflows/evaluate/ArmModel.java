package dev.palo.workflows.evaluate;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;

/** One arm's trained model: the fine-tune stage's PaloModel bundle (stored directory index). */
public record ArmModel(DatasetArm arm, ArtifactRef bundle) {
}
