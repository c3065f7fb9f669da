package dev.palo.model.base;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.NamedTensors;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.nn.Autograd;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.train.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Prepares the frozen parts PALO downloads, for a model the platform trains itself: a BPE tokenizer and a base
 * LM pretrained on the corpus, and a vision tower trained once with the attribute objective; then one multimodal
 * model holding both and a freshly initialised projector.
 *
 * <p>{@code workDir} keeps progress across attempts: {@code vision/} the trained tower (its presence skips vision
 * training), {@code lm/} the LM's last training state (resumed exactly). A caller that restores these folders
 * from elsewhere gets the weights an undisturbed run would. Everything is deterministic from the seeds.
 */
public final class BaseModelTraining {
    public static final String TOKENIZER = "tokenizer.json";
    public static final String VISION_DIR = "vision";
    public static final String LM_DIR = "lm";
    private static final String VISION_ACCURACY = "vision-accuracy.json";
    /** One image in ten is held out to measure the tower. */
    private static final int EVAL_EVERY = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaseModelTraining() {
    }

    /**
     * Trains everything and writes {@code config.json}, {@code model.safetensors} and {@code tokenizer.json} into
     * {@code outDir}.
     *
     * @param architecture the preset (its vocab_size is replaced by the trained tokenizer's)
     * @param initSeed     seed of every initial weight, the projector's included
     */
    public static BaseModelReport train(PaloConfig architecture, long initSeed, LmRecipe lmRecipe,
            VisionRecipe visionRecipe, BaseModelInputs inputs, Path workDir, Path outDir, BaseModelListener listener) {
        Autograd.offForThisThread();
        if (!architecture.isMultimodal()) {
            throw new IllegalArgumentException("the base model needs a vision tower; the architecture is text-only");
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        try {
            Files.createDirectories(outDir);
            Files.createDirectories(workDir);
            long start = System.nanoTime();
            Path tokenizerFile = outDir.resolve(TOKENIZER);
            LlamaTokenizerJson.write(new BpeTrainer(lmRecipe.vocabSize()).train(TokenizerText.of(inputs.corpus())),
                    tokenizerFile);
            seconds.put("tokenizer", elapsed(start));
            try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(tokenizerFile);
                    NDManager manager = NDManager.newBaseManager()) {
                PaloConfig config = architecture.withVocabSize(tokenizer.vocabSize());
                try (PaloModel model = PaloModel.create(manager, config, initSeed)) {
                    start = System.nanoTime();
                    Map<String, Double> accuracy = visionTower(model, visionRecipe, inputs, workDir.resolve(VISION_DIR),
                            listener);
                    seconds.put("vision", elapsed(start));

                    start = System.nanoTime();
                    TextLinesDataset corpus = TextLinesDataset.pack(tokenizer, inputs.corpus(), lmRecipe.maxLength());
                    Throughput throughput = new Throughput(listener);
                    try (PaloModel lm = LanguageModelPretraining.train(manager, config.textConfig(), initSeed, lmRecipe,
                            corpus, tokenizer.padId(), workDir.resolve(LM_DIR), throughput)) {
                        copyLanguageModel(lm, model);
                    }
                    seconds.put("lm", elapsed(start));

                    start = System.nanoTime();
                    Map<String, HeldOutLoss> heldOut = HeldOutEvaluation.evaluate(model, tokenizer, inputs.heldOut(),
                            lmRecipe.maxLength());
                    seconds.put("evaluation", elapsed(start));
                    ModelCheckpoint.saveModel(model, outDir);
                    return new BaseModelReport(tokenizer.vocabSize(), lmRecipe.trainingConfig().totalSteps(corpus.size()),
                            throughput.lastLoss, throughput.tokensPerSecond(seconds.get("lm")), accuracy, heldOut, seconds);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the base model into " + outDir, e);
        }
    }

    /** Trains the tower, or loads it from {@code dir} when an earlier attempt finished it there. */
    private static Map<String, Double> visionTower(PaloModel model, VisionRecipe recipe, BaseModelInputs inputs,
            Path dir, BaseModelListener listener) throws IOException {
        Path accuracyFile = dir.resolve(VISION_ACCURACY);
        if (Files.isRegularFile(accuracyFile)) {
            try (NDManager scratch = NDManager.newBaseManager();
                    PaloModel saved = ModelCheckpoint.loadModel(scratch, dir)) {
                NamedTensors.copyIntoParameters(model.namedParameters(), NamedTensors.arraysOf(saved.namedParameters()),
                        dir.toString());
            }
            return JSON.readValue(accuracyFile.toFile(), new TypeReference<LinkedHashMap<String, Double>>() { });
        }
        VisionDataset images = inputs.images();
        int[] evalIndices = IntStream.range(0, images.size()).filter(i -> i % EVAL_EVERY == 0).toArray();
        int[] trainIndices = IntStream.range(0, images.size()).filter(i -> i % EVAL_EVERY != 0).toArray();
        // too few images to spare any: measure on the training images
        VisionDataset train = new VisionSubset(images, trainIndices.length == 0 ? evalIndices : trainIndices);
        Map<String, Double> accuracy = new LinkedHashMap<>();
        try (VisionPretraining vision = new VisionPretraining(model, inputs.slots(), recipe)) {
            vision.train(train, listener::visionStep);
            double[] perSlot = vision.accuracy(new VisionSubset(images, evalIndices));
            for (int s = 0; s < perSlot.length; s++) {
                accuracy.put(inputs.slots().names().get(s), perSlot[s]);
            }
        }
        Path partial = Files.createTempDirectory(dir.toAbsolutePath().getParent(), VISION_DIR + "-");
        ModelCheckpoint.saveModel(model, partial);
        JSON.writeValue(partial.resolve(VISION_ACCURACY).toFile(), accuracy);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        listener.visionTrained(dir);
        return accuracy;
    }

    /** Puts the trained LM's weights (every tensor outside the tower and projector) into the multimodal model. */
    private static void copyLanguageModel(PaloModel lm, PaloModel model) {
        LinkedHashMap<String, ai.djl.nn.Parameter> targets = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (!name.startsWith("model.vision_tower.") && !ModelCheckpoint.isProjectorTensor(name)) {
                targets.put(name, p);
            }
        });
        NamedTensors.copyIntoParameters(targets, NamedTensors.arraysOf(lm.namedParameters()), "the pretrained LM");
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Passes every event on and counts the tokens and the last loss of the LM steps run in this attempt. */
    private static final class Throughput implements BaseModelListener {
        private final BaseModelListener next;
        private long tokens;
        private double lastLoss = Double.NaN;

        Throughput(BaseModelListener next) {
            this.next = next;
        }

        @Override
        public void lmStep(StepResult result) {
            tokens += result.tokens();
            lastLoss = result.loss();
            next.lmStep(result);
        }

        @Override
        public void lmCheckpointed(Path dir, dev.palo.model.train.TrainingState state) {
            next.lmCheckpointed(dir, state);
        }

        double tokensPerSecond(double seconds) {
            return seconds > 0 ? tokens / seconds : 0;
        }
    }
}
