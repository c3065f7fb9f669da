package dev.palo.data.mini.errors;

import dev.palo.data.mini.grammar.Meaning;

/** One sentence of the translation seed corpus: its id, its meaning, and whether it opens with {@code <image>}. */
public record SeedSentence(String id, Meaning meaning, boolean withImage) {
}
