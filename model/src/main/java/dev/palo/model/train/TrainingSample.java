package dev.palo.model.train;

/**
 * One tokenized example: ids and aligned labels (as a conversation template produced them) and,
 * if the ids hold the image placeholder, the image as float32 CHW pixels, already normalised.
 */
public record TrainingSample(long[] inputIds, long[] labels, float[] image) {
    public TrainingSample {
        if (inputIds.length == 0 || inputIds.length != labels.length) {
            throw new IllegalArgumentException("a training sample needs non-empty ids and labels of equal length, got "
                    + inputIds.length + " ids and " + labels.length + " labels");
        }
    }
}
