package dev.palo.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.preset.Presets;
import dev.palo.model.train.StepResult;
import dev.palo.model.train.Trainer;
import dev.palo.model.train.TrainingConfig;

import java.util.Arrays;
import java.util.List;

/**
 * Throughput and memory of the {@code mini} preset on this machine: training steps/s and tokens/s
 * (LoRA finetune recipe, scaled down), greedy generation tokens/s, then a long run printing the
 * resident set every 200 steps to show that memory stays flat, and the peak RSS (VmHWM).
 *
 * <p>Arguments (all optional): {@code --batch N} (8), {@code --text-tokens N} (32),
 * {@code --long-steps N} (2000), {@code --repeats N} (3), {@code --steps-per-repeat N} (20).
 * Run with DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=... set.
 */
public final class TrainingBenchmark {
    private static final int WARMUP_STEPS = 5;
    private static final int GENERATION_TOKENS = 32;

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        int batch = intArg(args, "--batch", 8);
        int textTokens = intArg(args, "--text-tokens", 32);
        int longSteps = intArg(args, "--long-steps", 2000);
        int repeats = intArg(args, "--repeats", 3);
        int stepsPerRepeat = intArg(args, "--steps-per-repeat", 20);

        PaloConfig mini = Presets.get("mini");
        int imageSize = mini.visionConfig().imageSize();
        int pixels = mini.visionConfig().numChannels() * imageSize * imageSize;
        SyntheticSamples data = new SyntheticSamples(256, textTokens, mini.textConfig().vocabSize(), pixels, 1);
        int plannedSteps = WARMUP_STEPS + repeats * stepsPerRepeat + longSteps;
        TrainingConfig config = TrainingConfig.finetuneLora().withBatch(batch, batch)
                .withEpochs((double) plannedSteps * batch / data.size());
        System.out.printf("mini (%s projector), finetune-lora recipe, batch %d, %d text tokens + 1 image per sample%n",
                mini.mmProjectorType(), batch, textTokens);

        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = PaloModel.create(manager, mini, 1);
             Trainer trainer = new Trainer(model, config, data, 0)) {
            System.out.printf("image tokens per sample: %d, parameters: %d%n", model.imageTokens(),
                    model.namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
            for (int i = 0; i < WARMUP_STEPS; i++) {
                trainer.step();
            }
            double[] stepsPerSecond = new double[repeats];
            double[] tokensPerSecond = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long tokens = 0;
                long start = System.nanoTime();
                for (int i = 0; i < stepsPerRepeat; i++) {
                    tokens += trainer.step().tokens();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                stepsPerSecond[r] = stepsPerRepeat / seconds;
                tokensPerSecond[r] = tokens / seconds;
                System.out.printf("train repeat %d: %.2f steps/s, %.0f text tokens/s%n", r + 1, stepsPerSecond[r], tokensPerSecond[r]);
            }
            System.out.printf("TRAIN median: %.2f steps/s, %.0f text tokens/s (batch %d)%n",
                    median(stepsPerSecond), median(tokensPerSecond), batch);

            System.out.printf("GENERATE median: %.1f new tokens/s (greedy, batch 1, %d new tokens, with image)%n",
                    generationTokensPerSecond(model, manager, imageSize, repeats), GENERATION_TOKENS);

            System.out.printf("long run: %d steps, RSS every 200%n", longSteps);
            long start = System.nanoTime();
            for (int i = 1; i <= longSteps; i++) {
                StepResult result = trainer.step();
                if (i % 200 == 0) {
                    System.out.printf("step %5d  loss %.4f  RSS %d MiB  peak %d MiB  %.2f steps/s%n", i, result.loss(),
                            ProcessMemory.residentMiB(), ProcessMemory.peakResidentMiB(), i / ((System.nanoTime() - start) / 1e9));
                }
            }
            System.out.printf("PEAK RSS (VmHWM): %d MiB; skipped non-finite steps: %d%n",
                    ProcessMemory.peakResidentMiB(), trainer.skippedSteps());
        }
    }

    private static double generationTokensPerSecond(PaloModel model, NDManager manager, int imageSize, int repeats) {
        Generator generator = new Generator(model);
        long[] prompt = {1, Constants.IMAGE_TOKEN_INDEX, 100, 200, 300, 400};
        // an eos id the prompt never produces early: the count below is of tokens actually generated
        GenerationConfig config = GenerationConfig.greedy(GENERATION_TOKENS, model.config().textConfig().vocabSize() - 1);
        double[] rates = new double[repeats];
        for (int r = -1; r < repeats; r++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray ids = step.create(prompt, new Shape(1, prompt.length));
                NDArray images = step.randomNormal(new Shape(1, 3, imageSize, imageSize));
                long start = System.nanoTime();
                List<long[]> out = generator.generate(ids, null, images, config);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r >= 0) {
                    rates[r] = out.get(0).length / seconds;
                }
            }
        }
        return median(rates);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs an integer, got " + args[i + 1], e);
                }
            }
        }
        return fallback;
    }
}
