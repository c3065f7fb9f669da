package dev.palo.data.mini.read;

/** What a lexicon word tells a reader: which part of the scene it names. */
public enum WordClass {
    /** A shape noun in any form; key {@code shape} is the generic noun, which names no shape. */
    SHAPE,
    COLOUR,
    SIZE,
    /** Where an object is ({@code left}, {@code top} ...), a region key. */
    POSITION,
    /** A count word; key {@code 1} to {@code 4}. */
    NUMERAL,
    /** The fixed part of a relation phrase ({@code to the left of}); key a relation key. */
    RELATION
}
