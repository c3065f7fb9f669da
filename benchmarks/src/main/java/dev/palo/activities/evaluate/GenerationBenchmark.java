package dev.palo.activities.evaluate;

import ai.djl.ndarray.NDManager;
import dev.palo.activities.training.ModelBundle;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.bench.BenchReader;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.measure.JvmMemory;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.preset.Presets;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Answers/s and generated tokens/s of the generate stage's decoding ({@link BenchAnswerer}) on a
 * PALO-mini bench with the {@code mini} preset: every question in every language of the bench,
 * once per arm, after a warm-up batch. The weights are random, so no answer stops early at
 * {@code </s>}: every answer runs to the token limit, the worst case of a trained model.
 * {@code java -cp … dev.palo.activities.evaluate.GenerationBenchmark BENCH_DIR [maxNewTokens] [batchSize] [arms]}
 * with {@code BENCH_DIR} the {@code bench/} folder of {@code ./palo data mini --size demo}.
 */
public final class GenerationBenchmark {
    private static final int VOCAB = 1000;

    private GenerationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: GenerationBenchmark BENCH_DIR [maxNewTokens] [batchSize] [arms]");
        }
        BenchReader reader = new BenchReader(Path.of(args[0]), LanguageRegistry.palo());
        int maxNewTokens = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int arms = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<LanguageBench> benches = new ArrayList<>();
        for (Language language : reader.languages()) {
            benches.add(reader.read(language));
        }
        Path bundle = randomMiniBundle(benches);
        System.out.printf(Locale.ROOT, "%d languages × %d questions × %d arms, maxNewTokens %d, batch %d, "
                        + "%d processors%n", benches.size(), benches.get(0).questions().size(), arms, maxNewTokens,
                batchSize, Runtime.getRuntime().availableProcessors());
        try (BenchAnswerer answerer = new BenchAnswerer(bundle, maxNewTokens)) {
            long begin = System.nanoTime();
            answerer.answer(benches.get(0).questions().subList(0, batchSize), reader.layout().images());
            System.out.printf(Locale.ROOT, "warm-up batch: %.2f s%n", (System.nanoTime() - begin) / 1e9);
            for (int arm = 0; arm < arms; arm++) {
                JvmMemory.resetPeaks();
                long answers = 0;
                long tokens = 0;
                long started = System.nanoTime();
                for (LanguageBench bench : benches) {
                    List<BenchQuestion> questions = bench.questions();
                    for (int from = 0; from < questions.size(); from += batchSize) {
                        for (BenchAnswerer.Reply reply : answerer.answer(
                                questions.subList(from, Math.min(from + batchSize, questions.size())),
                                reader.layout().images())) {
                            answers++;
                            tokens += reply.newTokens();
                        }
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "arm %d: %d answers, %d tokens in %.1f s: %.1f answers/s, "
                                + "%.0f tokens/s; peak heap %d MB, RSS %s%n", arm + 1, answers, tokens, seconds,
                        answers / seconds, tokens / seconds, JvmMemory.peakHeapBytes() >> 20, JvmMemory.rss());
            }
        }
    }

    /** The mini preset with random weights and a tokenizer trained on the bench's own text. */
    private static Path randomMiniBundle(List<LanguageBench> benches) throws IOException {
        List<String> corpus = new ArrayList<>();
        for (LanguageBench bench : benches) {
            bench.questions().forEach(q -> corpus.add(q.text()));
            bench.answers().forEach(a -> corpus.add(a.text()));
        }
        return randomMiniBundle(corpus, Files.createTempDirectory("palo-generation-bench"));
    }

    /** The mini preset, random weights, a tokenizer trained on {@code corpus}, in {@code dir} (GenerationRow's too). */
    static Path randomMiniBundle(List<String> corpus, Path dir) throws IOException {
        return randomMiniBundle(corpus, dir, 0);
    }

    /**
     * The same with the model's vocabulary at least {@code modelVocab} ids (TrainingStepRow's: the demo's 2,048, more
     * than the tokenizer learns from a small corpus); the tokenizer's own size when that is larger.
     */
    public static Path randomMiniBundle(List<String> corpus, Path dir, int modelVocab) throws IOException {
        LlamaTokenizerJson.write(new BpeTrainer(VOCAB).train(corpus), dir.resolve(ModelBundle.TOKENIZER));
        int vocab;
        try (HuggingFaceTextTokenizer tokenizer = ModelBundle.loadTokenizer(dir)) {
            vocab = Math.max(modelVocab, tokenizer.vocabSize());
        }
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = PaloModel.create(manager, Presets.MINI.withVocabSize(vocab), 1)) {
            ModelCheckpoint.saveModel(model, dir);
        }
        return dir;
    }
}
