package dev.palo.workflows.study;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;

/**
 * One arm's evaluation in one run of a study: what the report reads per answer.
 *
 * @param arm     the arm
 * @param answers the generate stage's stored directory of answers, {@code <code>.jsonl} per language
 * @param scores  the score stage's {@code scores.json}, which names each language's review file
 */
public record ArmOutputs(DatasetArm arm, ArtifactRef answers, ArtifactRef scores) {
}
