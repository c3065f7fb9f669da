package dev.palo.workflows.study;

import java.util.List;

/**
 * A completed run of a study with its arms' evaluation outputs.
 *
 * @param member the run and its seeds
 * @param arms   the baseline arm and the PALO arm
 */
public record StudyRunScores(StudyMember member, List<ArmOutputs> arms) {
    public StudyRunScores {
        arms = List.copyOf(arms);
    }
}
