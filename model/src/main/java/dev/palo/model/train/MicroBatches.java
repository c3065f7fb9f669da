package dev.palo.model.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a global batch into its micro-batches. The update's samples stay the random global batch;
 * ordering them by length (stably) only decides which share a micro-batch, so each micro-batch pads to
 * a length near its own samples' (random mixes of languages otherwise pad to the longest of all).
 */
public final class MicroBatches {
    private MicroBatches() {
    }

    public static List<List<TrainingSample>> split(List<TrainingSample> globalBatch, int microBatchSize) {
        if (microBatchSize < 1 || globalBatch.size() % microBatchSize != 0) {
            throw new IllegalArgumentException("a global batch of " + globalBatch.size()
                    + " samples does not split into micro-batches of " + microBatchSize);
        }
        if (microBatchSize == globalBatch.size()) {
            return List.of(globalBatch);
        }
        List<TrainingSample> byLength = globalBatch.stream()
                .sorted(Comparator.comparingInt(sample -> sample.inputIds().length)).toList();
        List<List<TrainingSample>> micro = new ArrayList<>();
        for (int start = 0; start < byLength.size(); start += microBatchSize) {
            micro.add(byLength.subList(start, start + microBatchSize));
        }
        return micro;
    }
}
