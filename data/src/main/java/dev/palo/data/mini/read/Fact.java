package dev.palo.data.mini.read;

import dev.palo.data.mini.world.Relation;

/**
 * One thing a sentence states about a scene, in no language. Shapes, colours, sizes, regions and relations are
 * the world's keys; a null shape or colour in a count means "any".
 *
 * @param kind  what is stated
 * @param shape the object's shape (for a count: the counted shape or null; for bigger/relation: the first object)
 * @param value the colour, size, region or relation key, or the count
 * @param other the count's colour condition, or the second object of bigger/relation
 */
public record Fact(Kind kind, String shape, String value, String other) implements Comparable<Fact> {

    public enum Kind { COLOUR, SIZE, POSITION, COUNT, BIGGER, RELATION }

    /** An object of {@code shape} has this colour, size or position. */
    public static Fact attribute(Kind kind, String shape, String value) {
        return new Fact(kind, shape, value, null);
    }

    /** There are {@code count} objects of {@code shape} (null: any) and {@code colour} (null: any). */
    public static Fact count(String shape, String colour, int count) {
        return new Fact(Kind.COUNT, shape, Integer.toString(count), colour);
    }

    /** The {@code bigger} object is bigger than the {@code smaller} one. */
    public static Fact bigger(String bigger, String smaller) {
        return new Fact(Kind.BIGGER, bigger, null, smaller);
    }

    /**
     * {@code a} lies in {@code relation} to {@code b}, written one way for both ways of saying it: "the square is
     * right of the circle" is "the circle is left of the square".
     */
    public static Fact relation(String a, Relation relation, String b) {
        return switch (relation) {
            case LEFT_OF, ABOVE -> new Fact(Kind.RELATION, a, relation.key(), b);
            case RIGHT_OF -> new Fact(Kind.RELATION, b, Relation.LEFT_OF.key(), a);
            case BELOW -> new Fact(Kind.RELATION, b, Relation.ABOVE.key(), a);
        };
    }

    @Override
    public int compareTo(Fact o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        return switch (kind) {
            case COLOUR, SIZE, POSITION -> name + "(" + shape + ")=" + value;
            case COUNT -> name + "(" + (shape == null ? "*" : shape) + "," + (other == null ? "*" : other) + ")=" + value;
            case BIGGER -> name + "(" + shape + ">" + other + ")";
            case RELATION -> name + "(" + shape + " " + value + " " + other + ")";
        };
    }
}
