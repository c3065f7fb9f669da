package dev.palo.workflows.evaluate;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;

/** One arm's {@code scores.json}, the score stage's output. */
public record ArmScores(DatasetArm arm, ArtifactRef scores) {
}
