package dev.palo.data.mini.read;

import java.util.List;
import java.util.Optional;

/**
 * A stretch of text that a lexicon string matched, with every reading of that string (a Bengali position is also
 * the fixed part of a relation; which one it is depends on the sentence).
 */
public record Mention(int start, int end, List<Word> readings) {
    public Mention {
        readings = List.copyOf(readings);
    }

    public Optional<Word> as(WordClass wordClass) {
        return readings.stream().filter(w -> w.wordClass() == wordClass).findFirst();
    }

    public boolean is(WordClass wordClass) {
        return as(wordClass).isPresent();
    }
}
