package dev.palo.data.mini.read;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much of what the gold answer states an answer states too, and what it gets wrong.
 *
 * @param gold         the facts the gold answer states (all true of the scene)
 * @param answer       the facts the answer states
 * @param stated       gold facts the answer states as well
 * @param contradicted answer facts that are false of the scene (a wrong colour, count, position ...)
 */
public record ContentGrade(Set<Fact> gold, Set<Fact> answer, int stated, Set<Fact> contradicted) {
    public ContentGrade {
        // sorted, so that a review quoting them reads the same in every JVM
        gold = Collections.unmodifiableSet(new TreeSet<>(gold));
        answer = Collections.unmodifiableSet(new TreeSet<>(answer));
        contradicted = Collections.unmodifiableSet(new TreeSet<>(contradicted));
    }

    /**
     * The content score in [0, 1]: (gold facts stated − false facts stated) / gold facts, floored at 0. An answer
     * that adds true facts the question did not ask for loses nothing; each false one costs as much as a missed one.
     */
    public double share() {
        return Math.max(0, (double) (stated - contradicted.size()) / gold.size());
    }
}
