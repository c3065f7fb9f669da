package dev.palo.activities.training;

import dev.palo.model.train.TrainingDataset;
import dev.palo.model.train.TrainingSample;
import dev.palo.model.vision.ImagePreprocessor;
import java.nio.file.Path;
import java.util.List;

/**
 * Tokenized conversations with their image files; an image is decoded and normalised when its
 * sample is read, so memory holds token ids only, whatever the number of images.
 */
final class ConversationDataset implements TrainingDataset {
    /** One sample: ids and labels as the template made them, and its image file or null. */
    record Entry(long[] inputIds, long[] labels, Path image) {
    }

    private final List<Entry> entries;
    private final ImagePreprocessor preprocessor;

    ConversationDataset(List<Entry> entries, ImagePreprocessor preprocessor) {
        this.entries = List.copyOf(entries);
        this.preprocessor = preprocessor;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public TrainingSample get(int index) {
        Entry entry = entries.get(index);
        return new TrainingSample(entry.inputIds(), entry.labels(),
                entry.image() == null ? null : preprocessor.pixels(entry.image()));
    }
}
