package dev.palo.model.base;

import java.util.List;

/**
 * The labels of the vision objective: categorical slots every patch token is labelled with, e.g. "which cell am I
 * in" or "shape of the object in my cell" (none + five shapes). A token labels each slot with a class index, or
 * {@link #IGNORE} where the slot means nothing for it (the colour of an empty cell).
 */
public record AttributeSlots(List<String> names, List<Integer> classes) {
    public static final int IGNORE = -1;

    public AttributeSlots {
        names = List.copyOf(names);
        classes = List.copyOf(classes);
        if (names.isEmpty() || names.size() != classes.size()) {
            throw new IllegalArgumentException("attribute slots need one class count per slot name, got "
                    + names.size() + " names and " + classes.size() + " class counts");
        }
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i) < 2) {
                throw new IllegalArgumentException("slot '" + names.get(i) + "' needs at least 2 classes, got "
                        + classes.get(i));
            }
        }
    }

    public int size() {
        return names.size();
    }

    /** Logits the head emits: the sum of every slot's classes. */
    public int totalClasses() {
        return classes.stream().mapToInt(Integer::intValue).sum();
    }

    /** Where slot {@code slot}'s logits start in the head's output. */
    public int offset(int slot) {
        return classes.subList(0, slot).stream().mapToInt(Integer::intValue).sum();
    }

    /** Checks one image's labels ({@code tokens} × slots, see {@link VisionDataset#labels}) against the layout. */
    public void check(int[] labels, int tokens) {
        if (labels.length != tokens * size()) {
            throw new IllegalArgumentException("a vision sample has " + labels.length + " labels, the objective needs "
                    + tokens + " tokens × " + size() + " slots " + names);
        }
        for (int i = 0; i < labels.length; i++) {
            int slot = i % size();
            if (labels[i] != IGNORE && (labels[i] < 0 || labels[i] >= classes.get(slot))) {
                throw new IllegalArgumentException("label " + labels[i] + " of slot '" + names.get(slot) + "' (token "
                        + i / size() + ") is outside [0, " + classes.get(slot) + ")");
            }
        }
    }
}
