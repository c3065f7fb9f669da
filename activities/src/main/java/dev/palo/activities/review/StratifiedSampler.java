package dev.palo.activities.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws a review sample: every QA-flagged record first (they need a person most), then the rest
 * spread over English-length strata in proportion to their sizes (largest remainder), each
 * stratum drawn at random. Deterministic for the same candidates in the same order and seed.
 */
final class StratifiedSampler {
    private final int sampleSize;
    private final List<Integer> lengthBounds;
    private final long seed;

    StratifiedSampler(int sampleSize, List<Integer> lengthBounds, long seed) {
        this.sampleSize = sampleSize;
        this.lengthBounds = List.copyOf(lengthBounds);
        this.seed = seed;
    }

    /** The stratum of a record of {@code englishChars} characters: how many bounds it reaches. */
    int stratum(int englishChars) {
        int stratum = 0;
        while (stratum < lengthBounds.size() && englishChars >= lengthBounds.get(stratum)) {
            stratum++;
        }
        return stratum;
    }

    /** The sample, flagged records first, then strata in ascending length. */
    List<ReviewCandidate> sample(List<ReviewCandidate> candidates) {
        Random random = new Random(seed);
        List<ReviewCandidate> flagged = new ArrayList<>();
        List<List<ReviewCandidate>> strata = new ArrayList<>();
        for (int i = 0; i <= lengthBounds.size(); i++) {
            strata.add(new ArrayList<>());
        }
        for (ReviewCandidate candidate : candidates) {
            (candidate.flagged() ? flagged : strata.get(stratum(candidate.englishChars()))).add(candidate);
        }
        Collections.shuffle(flagged, random);
        List<ReviewCandidate> sample = new ArrayList<>(flagged.subList(0, Math.min(sampleSize, flagged.size())));
        int unflagged = candidates.size() - flagged.size();
        int slots = Math.min(sampleSize - sample.size(), unflagged);
        int[] quotas = quotas(strata, unflagged, slots);
        for (int s = 0; s < strata.size(); s++) {
            List<ReviewCandidate> stratum = strata.get(s);
            Collections.shuffle(stratum, random);
            sample.addAll(stratum.subList(0, quotas[s]));
        }
        return sample;
    }

    /** Proportional allocation of {@code slots}: floors first, leftovers to the largest remainders. */
    private static int[] quotas(List<List<ReviewCandidate>> strata, int total, int slots) {
        int[] quotas = new int[strata.size()];
        if (slots == 0) {
            return quotas;
        }
        double[] remainders = new double[strata.size()];
        int given = 0;
        for (int s = 0; s < strata.size(); s++) {
            double exact = (double) slots * strata.get(s).size() / total;
            quotas[s] = (int) Math.floor(exact);
            remainders[s] = exact - quotas[s];
            given += quotas[s];
        }
        for (; given < slots; given++) {
            int best = -1;
            for (int s = 0; s < strata.size(); s++) {
                if (quotas[s] < strata.get(s).size() && (best < 0 || remainders[s] > remainders[best])) {
                    best = s;
                }
            }
            quotas[best]++;
            remainders[best] = -1;
        }
        return quotas;
    }
}
