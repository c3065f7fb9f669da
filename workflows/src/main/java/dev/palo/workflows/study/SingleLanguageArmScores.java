package dev.palo.workflows.study;

/**
 * One evaluated single-language arm of a study's run (Table 2).
 *
 * @param member   the run it belongs to
 * @param language the target language whose translated set alone it was fine-tuned on
 * @param outputs  its answers and scores (its arm is the one-arm evaluation's, {@code baseline})
 */
public record SingleLanguageArmScores(StudyMember member, String language, ArmOutputs outputs) {
}
