package dev.palo.data.mini.grammar;

/**
 * A thing a sentence talks about: a noun (a shape key or {@code shape}) with optional colour and size adjectives,
 * how many of it there are, and optionally where it is. Keys are the lexicon keys of every grammar.
 */
public record Slot(String noun, String colour, String size, int count, String position) {

    public Slot {
        if (noun == null) {
            throw new IllegalArgumentException("a slot needs a noun");
        }
        if (count < 1 || count > 4) {
            throw new IllegalArgumentException("slot count must be 1 to 4, got " + count);
        }
    }
}
