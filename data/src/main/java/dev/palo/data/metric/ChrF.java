package dev.palo.data.metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * chrF (Popović 2015) as sacreBLEU 2.x computes it by default: character n-grams of orders 1–6 with whitespace
 * removed, precision and recall averaged over the orders both sides have, then F-beta with beta 2 (recall weighted
 * twice). A corpus score sums every sentence's n-gram statistics before scoring, as sacreBLEU does.
 */
public final class ChrF {
    private static final int ORDER = 6;
    private static final double BETA_SQUARED = 4.0;

    private ChrF() {
    }

    /** chrF of one hypothesis against one reference, 0–100. */
    public static double sentence(String hypothesis, String reference) {
        return score(statistics(hypothesis, reference));
    }

    /** chrF of aligned hypotheses and references with statistics summed over the corpus, 0–100. */
    public static double corpus(List<String> hypotheses, List<String> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("chrF needs one reference per hypothesis: " + hypotheses.size()
                    + " hypotheses, " + references.size() + " references");
        }
        long[] total = new long[3 * ORDER];
        for (int i = 0; i < hypotheses.size(); i++) {
            long[] sentence = statistics(hypotheses.get(i), references.get(i));
            for (int j = 0; j < total.length; j++) {
                total[j] += sentence[j];
            }
        }
        return score(total);
    }

    /** Per order: hypothesis n-grams, reference n-grams, matched n-grams. */
    private static long[] statistics(String hypothesis, String reference) {
        int[] hyp = withoutWhitespace(hypothesis);
        int[] ref = withoutWhitespace(reference);
        long[] stats = new long[3 * ORDER];
        for (int n = 1; n <= ORDER; n++) {
            Map<String, Integer> hypGrams = ngrams(hyp, n);
            Map<String, Integer> refGrams = ngrams(ref, n);
            long matches = 0;
            for (Map.Entry<String, Integer> gram : hypGrams.entrySet()) {
                matches += Math.min(gram.getValue(), refGrams.getOrDefault(gram.getKey(), 0));
            }
            int at = 3 * (n - 1);
            stats[at] = Math.max(0, hyp.length - n + 1);
            stats[at + 1] = Math.max(0, ref.length - n + 1);
            stats[at + 2] = matches;
        }
        return stats;
    }

    private static double score(long[] stats) {
        double precisionSum = 0;
        double recallSum = 0;
        int effectiveOrder = 0;
        for (int n = 0; n < ORDER; n++) {
            long hyp = stats[3 * n];
            long ref = stats[3 * n + 1];
            long match = stats[3 * n + 2];
            if (hyp > 0 && ref > 0) {
                precisionSum += (double) match / hyp;
                recallSum += (double) match / ref;
                effectiveOrder++;
            }
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        double precision = precisionSum / effectiveOrder;
        double recall = recallSum / effectiveOrder;
        if (precision + recall == 0) {
            return 0.0;
        }
        return 100 * (1 + BETA_SQUARED) * precision * recall / (BETA_SQUARED * precision + recall);
    }

    private static int[] withoutWhitespace(String text) {
        return text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).toArray();
    }

    private static Map<String, Integer> ngrams(int[] codePoints, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= codePoints.length; i++) {
            counts.merge(new String(codePoints, i, n), 1, Integer::sum);
        }
        return counts;
    }
}
