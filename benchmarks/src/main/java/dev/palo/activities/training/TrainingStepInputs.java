package dev.palo.activities.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.palo.activities.evaluate.GenerationBenchmark;
import dev.palo.activities.evaluate.GenerationRow;
import dev.palo.model.Constants;
import dev.palo.model.checkpoint.SafetensorsWriter;
import dev.palo.model.export.LlavaExport;
import dev.palo.model.export.LlavaNames;
import dev.palo.model.train.Batch;
import dev.palo.model.train.TrainingSample;
import dev.palo.model.vision.VisionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What both sides of the training-step row train on: the {@code mini} preset with random weights, saved as our
 * checkpoint and exported by {@link LlavaExport} (the language model + projector directory and the CLIP vision tower
 * directory the PyTorch anchor loads), and samples shaped like the demo's fine-tune samples: vicuna_v1's layout (bos,
 * the system prompt, the image placeholder at the start of the user's turn, the question, then the supervised answer
 * ending in eos), token ids over the demo's 2,048-token vocabulary, random normalised pixels.
 */
final class TrainingStepInputs {
    /** BaseModelSettings.mini()'s vocabulary, which the demo's models have. */
    static final int VOCAB = 2_048;
    static final long PAD_ID = 0;
    private static final long BOS = 1;
    private static final long EOS = 2;
    /** bos + the 25-token system prompt + "USER:" under the demo's tokenizer (docs/performance.md). */
    private static final int IMAGE_AT = 28;
    private static final int MAX_LENGTH = 512;

    private TrainingStepInputs() {
    }

    /** Our checkpoint and its export. */
    record Exported(Path bundle, Path llama, Path tower) {
        /** The export's directories, in the order the anchor takes them. */
        List<String> anchorArguments() {
            return List.of("--model", llama.toString(), "--tower", tower.toString());
        }
    }

    static Exported export(Path dir) throws IOException {
        Path bundle = GenerationBenchmark.randomMiniBundle(GenerationRow.corpus(),
                Files.createDirectories(dir.resolve("bundle")), VOCAB);
        Path export = dir.resolve("export");
        LlavaExport.export(bundle, null, "bench", MAX_LENGTH, export);
        return new Exported(bundle, export.resolve(LlavaNames.modelDir("bench")),
                export.resolve(LlavaNames.VISION_TOWER_DIR));
    }

    /**
     * {@code count} samples of {@code shortest}, {@code shortest + stride}, … text tokens. Their lengths differ, so
     * the trainer's micro-batches (samples grouped by length) are the same at every step and on both sides.
     */
    static List<TrainingSample> samples(int count, int shortest, int stride, VisionConfig vision, long seed) {
        if (shortest < IMAGE_AT + 8 || stride < 1) {
            throw new IllegalArgumentException("samples need at least " + (IMAGE_AT + 8) + " tokens and distinct"
                    + " lengths, asked " + shortest + " + " + stride + "·i");
        }
        Random random = new Random(seed);
        int pixels = vision.numChannels() * vision.imageSize() * vision.imageSize();
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = shortest + stride * i;
            // the answer: the last 60 % after the placeholder, as a short question and a longer reply
            int answerFrom = IMAGE_AT + 1 + (length - IMAGE_AT - 1) * 2 / 5;
            long[] ids = new long[length];
            long[] labels = new long[length];
            for (int t = 0; t < length; t++) {
                ids[t] = t == 0 ? BOS : t == IMAGE_AT ? Constants.IMAGE_TOKEN_INDEX : t == length - 1 ? EOS
                        : 3 + random.nextInt(VOCAB - 3);
                labels[t] = t >= answerFrom ? ids[t] : Constants.IGNORE_INDEX;
            }
            float[] image = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                image[p] = (float) random.nextGaussian();
            }
            samples.add(new TrainingSample(ids, labels, image));
        }
        return samples;
    }

    /**
     * The micro-batches collated as our trainer collates them ({@link Batch#collate}), as safetensors
     * {@code mb.<i>.input_ids|labels|attention_mask|images}: the anchor trains on exactly these tensors.
     */
    static void writeBatches(List<List<TrainingSample>> microBatches, VisionConfig vision, Path file) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (int i = 0; i < microBatches.size(); i++) {
                Batch batch = Batch.collate(microBatches.get(i), PAD_ID, vision.numChannels(), vision.imageSize(),
                        manager);
                tensors.put("mb." + i + ".input_ids", batch.inputIds());
                tensors.put("mb." + i + ".labels", batch.labels());
                tensors.put("mb." + i + ".attention_mask", batch.attentionMask());
                tensors.put("mb." + i + ".images", batch.images());
            }
            SafetensorsWriter.write(file, tensors, Map.of());
        }
    }
}
