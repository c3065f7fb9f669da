package dev.palo.model.base;

/** Some images of a {@link VisionDataset}, by index: the training and evaluation splits. */
record VisionSubset(VisionDataset all, int[] indices) implements VisionDataset {
    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public float[] image(int index) {
        return all.image(indices[index]);
    }

    @Override
    public int[] labels(int index) {
        return all.labels(indices[index]);
    }
}
