package dev.palo.model.train;

/** Random access to training samples; the trainer decides the order. */
public interface TrainingDataset {
    int size();

    TrainingSample get(int index);
}
