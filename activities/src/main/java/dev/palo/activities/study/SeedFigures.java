package dev.palo.activities.study;

/**
 * One run's per-question figures of one metric, the unit the bootstrap pairs: per language, per arm (0 the baseline,
 * 1 PALO), per bench question (the same questions in the same order for both arms), a numerator and a denominator.
 * A language's figure is {@code 100 · Σ numerators / Σ denominators}: for a scorer, the model's scores over the
 * reference's (LLaVA's relative score, pooled over the questions); for the in-language rate, 1 per answer written
 * in the question's language over 1 per answer.
 *
 * @param numerators   [language][arm][question]
 * @param denominators [language][arm][question]
 */
public record SeedFigures(double[][][] numerators, double[][][] denominators) {
    public static final int BASELINE = 0;
    public static final int PALO = 1;

    public SeedFigures {
        if (numerators.length != denominators.length) {
            throw new IllegalArgumentException("numerators and denominators cover different languages");
        }
        for (int l = 0; l < numerators.length; l++) {
            if (numerators[l].length != 2 || denominators[l].length != 2) {
                throw new IllegalArgumentException("each language needs the baseline's and PALO's figures");
            }
            int questions = numerators[l][BASELINE].length;
            for (int arm = 0; arm < 2; arm++) {
                if (numerators[l][arm].length != questions || denominators[l][arm].length != questions
                        || questions == 0) {
                    throw new IllegalArgumentException("both arms need a figure for each of the same questions");
                }
            }
        }
    }

    int languages() {
        return numerators.length;
    }

    int questions(int language) {
        return numerators[language][BASELINE].length;
    }

    /** The arm's figure in a language over the questions {@code picked} names (a question may come twice). */
    double figure(int language, int arm, int[] picked) {
        double numerator = 0;
        double denominator = 0;
        for (int q : picked) {
            numerator += numerators[language][arm][q];
            denominator += denominators[language][arm][q];
        }
        return 100 * numerator / denominator;
    }

    /** The arm's figure in a language over every question once. */
    double figure(int language, int arm) {
        int[] all = new int[questions(language)];
        for (int q = 0; q < all.length; q++) {
            all[q] = q;
        }
        return figure(language, arm, all);
    }
}
