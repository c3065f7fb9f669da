package dev.palo.data.mini.read;

import java.util.Set;

/**
 * One reading of a surface string of some grammar's lexicon.
 *
 * @param wordClass what it names
 * @param key       the lexicon key (shape, colour, size, region, relation key, or a count for numerals)
 * @param language  the grammar it came from (the first one, where several spell it alike)
 * @param counts    for a noun form, the counts whose count form it is (Arabic's dual: only 2); empty for other forms
 * @param slotAfter for a relation, whether the related object's noun follows the fixed part (English
 *                  {@code to the left of X}) rather than precedes it (Japanese {@code Xの左})
 */
public record Word(WordClass wordClass, String key, String language, Set<Integer> counts, boolean slotAfter) {
    public Word {
        counts = Set.copyOf(counts);
    }

    /** The exact count this form alone states (a dual), or 0. */
    public int impliedCount() {
        return counts.size() == 1 && counts.iterator().next() > 1 ? counts.iterator().next() : 0;
    }
}
