package dev.palo.activities.training;

import ai.djl.ndarray.NDManager;
import dev.palo.activities.storage.StagedImages;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.model.PaloConfig;
import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.preset.Presets;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.train.Trainer;
import dev.palo.model.train.TrainingConfig;
import dev.palo.model.vision.ImagePreprocessor;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Optimizer steps/s of both training stages on the {@code mini} preset with the stages' default
 * settings ({@link TrainingSettings#pretrainMini()}, {@link TrainingSettings#finetuneMini()},
 * {@link LoraSettings#mini()}), on real PALO-mini records and images, tokenized as the stages do;
 * prints the samples' token lengths and the stage time one epoch of each PALO-mini set would take.
 * The tokenizer is a BPE trained on the base-LM corpus's first lines (the base-model stage trains
 * one on the whole corpus), the weights random: speed does not depend on them. Heartbeats, tracking
 * calls and checkpoint uploads are left out.
 * {@code java -cp … dev.palo.activities.training.TrainingThroughputBenchmark MINI_DIR [steps] [repeats] [vocab]}
 * with DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=… set.
 */
public final class TrainingThroughputBenchmark {
    private static final int WARMUP_STEPS = 3;
    private static final int CORPUS_LINES = 5_000;
    /** PALO-mini demo: each default target language's 500 translated records beside the 2,200 English ones. */
    private static final int PALO_ARM_RECORDS = 2_200 + LanguageRegistry.palo().defaultTargets().size() * 500;

    private TrainingThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path mini = Path.of(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int vocab = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        Path tokenizerFile = Files.createTempFile("palo-bench-tokenizer", ".json");
        try (Stream<String> lines = Files.lines(mini.resolve("corpus/base-lm.txt"))) {
            LlamaTokenizerJson.write(new BpeTrainer(vocab).train(lines.limit(CORPUS_LINES).toList()), tokenizerFile);
        }
        System.out.printf(Locale.ROOT, "%d processors; mini preset; BPE vocab %d on %d corpus lines%n",
                Runtime.getRuntime().availableProcessors(), vocab, CORPUS_LINES);
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(tokenizerFile)) {
            PaloConfig config = Presets.MINI.withVocabSize(tokenizer.vocabSize());
            LoraSettings lora = LoraSettings.mini();
            TrainingConfig pretrain = TrainingRecipes.scaled(TrainingConfig.pretrain(), TrainingSettings.pretrainMini(),
                    null);
            TrainingConfig finetune = TrainingRecipes.scaled(TrainingConfig.finetuneLora(),
                    TrainingSettings.finetuneMini(), new LoraConfig(lora.r(), lora.alpha(), lora.dropout()));
            measure("pretrain (captions)", mini, "pretrain/captions.json", "plain", pretrain, 2_000, config, tokenizer,
                    steps, repeats);
            measure("finetune, English", mini, "instruct/english.json", "vicuna_v1", finetune, 2_200, config,
                    tokenizer, steps, repeats);
            measure("finetune, Hindi", mini, "gold/hi.json", "vicuna_v1", finetune, PALO_ARM_RECORDS, config,
                    tokenizer, steps, repeats);
        }
        Files.delete(tokenizerFile);
    }

    private static void measure(String name, Path mini, String file, String template, TrainingConfig config,
                                int stageRecords, PaloConfig architecture, HuggingFaceTextTokenizer tokenizer,
                                int steps, int repeats) throws IOException {
        TokenizedRecords records = new TokenizedRecords(ConversationTemplates.get(template), tokenizer,
                config.modelMaxLength());
        try (LlavaJsonReader reader = LlavaJsonReader.open(mini.resolve(file))) {
            reader.forEachRemaining(records::add);
        }
        Path images = mini.resolve("images").toAbsolutePath().normalize();
        TokenizedRecords.Result samples = records.finish(new StagedImages(images, records.images().size(),
                records.images().size()), new ImagePreprocessor(architecture.visionConfig()));
        int[] lengths = new int[samples.dataset().size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = samples.dataset().get(i).inputIds().length;
        }
        long truncated = Arrays.stream(lengths).filter(l -> l == config.modelMaxLength()).count();
        System.out.printf(Locale.ROOT, "%s: %s; text tokens per sample mean %.1f, max %d, truncated at %d: %d%n",
                name, samples.counts(), Arrays.stream(lengths).average().orElse(0), Arrays.stream(lengths).max().orElse(0),
                config.modelMaxLength(), truncated);
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = PaloModel.create(manager, architecture, 1);
             Trainer trainer = new Trainer(model, config.withEpochs(
                     (double) (WARMUP_STEPS + steps * repeats) * config.globalBatchSize() / samples.dataset().size()),
                     samples.dataset(), tokenizer.padId())) {
            for (int i = 0; i < WARMUP_STEPS; i++) {
                trainer.step();
            }
            double[] rates = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    trainer.step();
                }
                rates[r] = steps / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "  repeat %d: %.2f steps/s%n", r + 1, rates[r]);
            }
            Arrays.sort(rates);
            double median = rates[repeats / 2];
            int stageSteps = config.totalSteps(stageRecords);
            System.out.printf(Locale.ROOT, "  median %.2f steps/s (batch %d, %.1f samples/s); one epoch of %d records ="
                            + " %d steps = %.0f s%n", median, config.globalBatchSize(), median * config.globalBatchSize(),
                    stageRecords, stageSteps, stageSteps / median);
        }
    }
}
