package dev.palo.workflows.postedit;

/**
 * Thresholds of the automatic QA that flags translations as {@code corrupt}.
 *
 * @param minLengthRatio  shortest acceptable translation, in characters per English character
 * @param maxLengthRatio  longest acceptable translation, in characters per English character
 * @param minScriptShare  least share of letters written in the language's own scripts
 * @param minLettersToCheck texts with fewer letters skip language identification and the length ratio,
 *                          both unreliable on a few words
 */
public record QaConfig(double minLengthRatio, double maxLengthRatio, double minScriptShare,
                       int minLettersToCheck) {
    /** Loose bounds: scripts differ a lot in characters per word (Chinese vs Hindi). */
    public static QaConfig defaults() {
        return new QaConfig(0.2, 4.0, 0.6, 12);
    }

    public QaConfig {
        if (!(minLengthRatio > 0 && minLengthRatio < maxLengthRatio)) {
            throw new IllegalArgumentException("QA length ratios need 0 < min < max, got "
                    + minLengthRatio + " and " + maxLengthRatio);
        }
        if (!(minScriptShare >= 0 && minScriptShare <= 1)) {
            throw new IllegalArgumentException("QA minScriptShare must be within [0, 1], got " + minScriptShare);
        }
        if (minLettersToCheck < 1) {
            throw new IllegalArgumentException("QA minLettersToCheck must be >= 1, got " + minLettersToCheck);
        }
    }
}
