package dev.palo.activities.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.BenchFigure;
import dev.palo.benchmarks.bench.BenchRow;
import dev.palo.benchmarks.bench.Measure;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.benchmarks.bench.Repeats;
import dev.palo.benchmarks.bench.Target;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.export.LlavaExport;
import dev.palo.model.export.LlavaNames;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code generation}: greedy decoding with a KV cache of the {@code mini} preset (random weights, so no sample stops
 * early; an end-of-sequence id no token has), 64 new tokens after 24-token text prompts, batch 1 and 8, by our
 * {@link Generator} and by Hugging Face transformers' {@code LlamaForCausalLM.generate} on the same weights, exported
 * from our safetensors checkpoint by {@link LlavaExport} ({@code benchmarks/python/generation_anchor.py}, from the
 * model venv). Both must produce the same tokens, or the figure is void. One intra-op thread on each side; each side
 * warms up with {@link #JIT_WARM_UPS} more calls than the context's warm-ups.
 */
public final class GenerationRow implements BenchRow {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NEW_TOKENS = 64;
    private static final int PROMPT_TOKENS = 24;
    private static final int[] BATCHES = {1, 8};
    static final int MAX_LENGTH = 512;
    static final String ANCHOR = "generation_anchor.py";
    /**
     * Untimed generate() calls per batch size on each side before the context's warm-ups: the JVM compiles DJL's and
     * our per-op Java code only after a few thousand calls each, and with one warm-up our timed repeats still ran up
     * to twice as slow as the warm ones (docs/performance.md, generation); transformers gets as many, on the same
     * footing.
     */
    private static final int JIT_WARM_UPS = 10;
    private static final String[] WORDS = ("the a red blue green large small square circle triangle left right top "
            + "bottom centre picture shows there is are two three next to above below what colour shape how many "
            + "where object describe image detail person street car dog table window").split(" ");

    @Override
    public List<BenchFigure> measure(BenchContext context) throws Exception {
        Target target = Target.atLeast(1.0);
        if (!Files.isExecutable(context.modelPython())) {
            return Arrays.stream(BATCHES).mapToObj(batch -> BenchFigure.notMeasured(figure(batch), target,
                    "the model venv (" + context.modelPython() + ": torch, transformers) is not installed")).toList();
        }
        Path dir = context.scratch("generation");
        try {
            Path bundle = GenerationBenchmark.randomMiniBundle(corpus(), Files.createDirectories(dir.resolve("bundle")));
            Path export = dir.resolve("export");
            LlavaExport.export(bundle, null, "bench", MAX_LENGTH, export);
            Path llama = export.resolve(LlavaNames.modelDir("bench"));
            List<BenchFigure> figures = new ArrayList<>();
            try (NDManager manager = NDManager.newBaseManager();
                 PaloModel model = ModelCheckpoint.loadModel(manager, bundle)) {
                Generator generator = new Generator(model);
                int vocab = model.languageModel().config().vocabSize();
                for (int batch : BATCHES) {
                    figures.add(compare(context, generator, manager, vocab, batch, llama, dir));
                }
            }
            return figures;
        } finally {
            BenchContext.deleteTree(dir);
        }
    }

    private static BenchFigure compare(BenchContext context, Generator generator, NDManager manager, int vocab,
                                       int batch, Path llama, Path dir) throws Exception {
        long[][] prompts = prompts(batch, vocab);
        List<List<long[]>> ours = new ArrayList<>();
        List<Double> seconds;
        GenerationConfig greedy = GenerationConfig.greedy(NEW_TOKENS, -1);
        try (NDArray ids = ids(manager, prompts)) {
            for (int i = 0; i < JIT_WARM_UPS; i++) {
                generator.generate(ids, null, null, greedy);
            }
            seconds = Repeats.of(context, index -> {
                long start = System.nanoTime();
                ours.add(generator.generate(ids, null, null, greedy));
                return Repeats.secondsSince(start);
            });
        }
        Path promptFile = dir.resolve("prompts-" + batch + ".json");
        JSON.writeValue(promptFile.toFile(), prompts);
        JsonNode python = PythonAnchor.run(context.modelPython(), context.script(ANCHOR), anchorArguments(llama,
                promptFile, NEW_TOKENS, JIT_WARM_UPS + context.warmUps(), context.repeats()));
        String mismatch = mismatch(ours.get(ours.size() - 1), python.path("tokens"), NEW_TOKENS);
        if (mismatch != null) {
            return BenchFigure.notMeasured(figure(batch), Target.atLeast(1.0), "the tokens differ, so the speeds"
                    + " are not compared: " + mismatch);
        }
        List<Double> theirs = new ArrayList<>();
        python.path("seconds").forEach(s -> theirs.add(batch * NEW_TOKENS / s.asDouble()));
        Measure oursRate = Measure.of(seconds.stream().map(s -> batch * NEW_TOKENS / s).toList(), "tokens/s",
                "our Generator, mini preset, " + batch + " × " + PROMPT_TOKENS + " prompt tokens");
        Measure anchor = Measure.of(theirs, "tokens/s", "transformers LlamaForCausalLM.generate, same weights"
                + " (exported from our checkpoint), same prompts, 1 torch thread");
        return BenchFigure.measured(figure(batch), oursRate, anchor, oursRate.value() / anchor.value(),
                Target.atLeast(1.0), String.format(Locale.ROOT, "ratio: ours over transformers, new tokens/s; the"
                        + " %d × %d generated tokens are identical; %d warm-up calls each side", batch, NEW_TOKENS,
                JIT_WARM_UPS + context.warmUps()));
    }

    private static String figure(int batch) {
        return "greedy generation, KV cache, batch " + batch + ", " + NEW_TOKENS + " new tokens, vs transformers";
    }

    /** {@code batch} prompts of {@value #PROMPT_TOKENS} random ids above the tokenizer's special ones, seeded by the batch. */
    static long[][] prompts(int batch, int vocab) {
        Random random = new Random(batch);
        long[][] prompts = new long[batch][PROMPT_TOKENS];
        for (long[] prompt : prompts) {
            for (int t = 0; t < PROMPT_TOKENS; t++) {
                // above the tokenizer's special ids (unk, bos, eos)
                prompt[t] = 3 + random.nextInt(vocab - 3);
            }
        }
        return prompts;
    }

    /** The prompts as one (batch, tokens) array for our {@link Generator}. */
    static NDArray ids(NDManager manager, long[][] prompts) {
        long[] flat = Arrays.stream(prompts).flatMapToLong(Arrays::stream).toArray();
        return manager.create(flat, new Shape(prompts.length, prompts[0].length));
    }

    /** The anchor's command line: the exported model, the prompts file, the tokens to generate, its untimed and timed calls. */
    static List<String> anchorArguments(Path llama, Path promptFile, int newTokens, int warmUps, int repeats) {
        return List.of("--model", llama.toString(), "--prompts", promptFile.toString(), "--new-tokens",
                Integer.toString(newTokens), "--warm-ups", Integer.toString(warmUps), "--repeats",
                Integer.toString(repeats));
    }

    /** Where the two sides' first {@code newTokens} tokens first differ, or null when they are the same. */
    static String mismatch(List<long[]> ours, JsonNode theirs, int newTokens) {
        for (int b = 0; b < ours.size(); b++) {
            for (int t = 0; t < newTokens; t++) {
                long their = theirs.path(b).path(t).asLong(-1);
                if (t >= ours.get(b).length || ours.get(b)[t] != their) {
                    return String.format(Locale.ROOT, "sample %d, token %d: ours %s, transformers %d", b, t,
                            t < ours.get(b).length ? Long.toString(ours.get(b)[t]) : "none", their);
                }
            }
        }
        return null;
    }

    /** Text to train a bench bundle's tokenizer on: the benchmark's words in random sentences (TrainingStepRow's too). */
    public static List<String> corpus() {
        Random random = new Random(64);
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < 6 + random.nextInt(12); w++) {
                sentence.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            corpus.add(sentence.toString());
        }
        return corpus;
    }
}
