package dev.palo.activities.basemodel;

import dev.palo.model.base.VisionDataset;
import dev.palo.model.vision.ImagePreprocessor;
import java.nio.file.Path;
import java.util.List;

/**
 * The vision tower's training images: staged files with their token labels. Pixels are decoded on each read
 * (a 64 px PNG decodes in microseconds), so thousands of images cost no heap.
 */
record SceneImages(List<Path> files, List<int[]> labels, ImagePreprocessor preprocessor) implements VisionDataset {
    SceneImages {
        files = List.copyOf(files);
        labels = List.copyOf(labels);
        if (files.size() != labels.size()) {
            throw new IllegalArgumentException(files.size() + " images but " + labels.size() + " label sets");
        }
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public float[] image(int index) {
        return preprocessor.pixels(files.get(index));
    }

    @Override
    public int[] labels(int index) {
        return labels.get(index);
    }
}
