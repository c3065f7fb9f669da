package dev.palo.model.train;

import java.util.List;

/** Random access to training samples; the trainer decides the order. */
public interface TrainingDataset {
    int size();

    TrainingSample get(int index);

    /** The samples of a list, in its order (the list is read, not copied). */
    static TrainingDataset of(List<TrainingSample> samples) {
        return new TrainingDataset() {
            @Override
            public int size() {
                return samples.size();
            }

            @Override
            public TrainingSample get(int index) {
                return samples.get(index);
            }
        };
    }
}
