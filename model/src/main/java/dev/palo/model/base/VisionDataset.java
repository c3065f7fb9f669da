package dev.palo.model.base;

/** Images with per-token attribute labels for the vision objective; the trainer decides the order. */
public interface VisionDataset {
    int size();

    /** Normalised CHW pixels at the vision config's size (see {@code ImagePreprocessor}). */
    float[] image(int index);

    /**
     * Labels of every patch token in row-major patch order, each token's {@link AttributeSlots} slots together:
     * {@code labels[token * slots + slot]} is a class index or {@link AttributeSlots#IGNORE}.
     */
    int[] labels(int index);
}
