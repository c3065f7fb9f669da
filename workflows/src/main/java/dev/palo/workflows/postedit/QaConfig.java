package dev.palo.workflows.postedit;

/**
 * Thresholds of the automatic QA that flags translations as {@code corrupt}, and the language's floor. Every field
 * may be left out of a request (null): it then takes its value from {@link #defaults()}, so a run can change one
 * setting, {@code "qa": {"onLowYield": "WARN"}}, without restating the rest.
 *
 * @param minLengthRatio    shortest acceptable translation, in characters per English character
 * @param maxLengthRatio    longest acceptable translation, in characters per English character
 * @param minScriptShare    least share of letters written in the language's own scripts
 * @param minLettersToCheck texts with fewer letters skip language identification and the length ratio,
 *                          both unreliable on a few words
 * @param minUsableShare    the language's floor: the least share of its translated records that must pass QA
 *                          (not flagged {@code corrupt}) after its last post-edit; 0 turns the floor off
 * @param onLowYield        what a language below its floor does
 */
public record QaConfig(Double minLengthRatio, Double maxLengthRatio, Double minScriptShare,
                       Integer minLettersToCheck, Double minUsableShare, LowYieldAction onLowYield) {
    /** Loose bounds: scripts differ a lot in characters per word (Chinese vs Hindi). */
    private static final double DEFAULT_MIN_LENGTH_RATIO = 0.2;
    private static final double DEFAULT_MAX_LENGTH_RATIO = 4.0;
    private static final double DEFAULT_MIN_SCRIPT_SHARE = 0.6;
    private static final int DEFAULT_MIN_LETTERS_TO_CHECK = 12;
    /** Half: an endpoint that echoes English, or a broken translator, yields far less; a weak one still more. */
    public static final double DEFAULT_MIN_USABLE_SHARE = 0.5;

    public static QaConfig defaults() {
        return new QaConfig(null, null, null, null, null, null);
    }

    /** QA thresholds with the default floor. */
    public QaConfig(double minLengthRatio, double maxLengthRatio, double minScriptShare, int minLettersToCheck) {
        this(minLengthRatio, maxLengthRatio, minScriptShare, minLettersToCheck, null, null);
    }

    public QaConfig {
        minLengthRatio = minLengthRatio == null ? DEFAULT_MIN_LENGTH_RATIO : minLengthRatio;
        maxLengthRatio = maxLengthRatio == null ? DEFAULT_MAX_LENGTH_RATIO : maxLengthRatio;
        minScriptShare = minScriptShare == null ? DEFAULT_MIN_SCRIPT_SHARE : minScriptShare;
        minLettersToCheck = minLettersToCheck == null ? DEFAULT_MIN_LETTERS_TO_CHECK : minLettersToCheck;
        minUsableShare = minUsableShare == null ? DEFAULT_MIN_USABLE_SHARE : minUsableShare;
        onLowYield = onLowYield == null ? LowYieldAction.FAIL : onLowYield;
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
        if (!(minUsableShare >= 0 && minUsableShare <= 1)) {
            throw new IllegalArgumentException("QA minUsableShare must be within [0, 1], got " + minUsableShare);
        }
    }

    /** The same QA with another floor. */
    public QaConfig withFloor(double share, LowYieldAction action) {
        return new QaConfig(minLengthRatio, maxLengthRatio, minScriptShare, minLettersToCheck, share, action);
    }
}
