package dev.palo.model.translator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.nn.Autograd;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A trained text-only translator: batched greedy decoding with a KV cache. Deterministic — the same sources in the
 * same order give the same translations (batches are formed from the input order alone).
 *
 * <p>Saved as a folder: {@code config.json} + {@code model.safetensors} (HF Llama names), {@code tokenizer.json} and
 * {@code translator.json} ({@link TranslatorMetadata}).
 */
public final class LocalTranslator implements AutoCloseable {
    /** Prompts decoded together; sorted by length first so a batch pads little. */
    static final int BATCH = 32;

    private final NDManager manager;
    private final PaloModel model;
    private final TranslatorTokenizer tokenizer;
    private final TranslatorMetadata metadata;

    LocalTranslator(NDManager manager, PaloModel model, TranslatorTokenizer tokenizer, TranslatorMetadata metadata) {
        this.manager = manager;
        this.model = model;
        this.tokenizer = tokenizer;
        this.metadata = metadata;
    }

    public static LocalTranslator load(Path dir) {
        TranslatorMetadata metadata = TranslatorMetadata.read(dir);
        if (ModelCheckpoint.readConfig(dir).loraConfig() != null) {
            throw new IllegalArgumentException(dir + " holds a model with unmerged LoRA adapters, not a translator");
        }
        NDManager manager = NDManager.newBaseManager();
        TranslatorTokenizer tokenizer = null;
        try {
            tokenizer = TranslatorTokenizer.load(dir.resolve(TranslatorTokenizer.FILE));
            PaloModel model = ModelCheckpoint.loadModel(manager, dir);
            if (model.config().textConfig().vocabSize() != tokenizer.vocabSize()) {
                throw new IllegalArgumentException("translator in " + dir + ": model vocabulary "
                        + model.config().textConfig().vocabSize() + " != tokenizer vocabulary " + tokenizer.vocabSize());
            }
            return new LocalTranslator(manager, model, tokenizer, metadata);
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            manager.close();
            throw e;
        }
    }

    public void save(Path dir) {
        ModelCheckpoint.saveModel(model, dir);
        tokenizer.save(dir.resolve(TranslatorTokenizer.FILE));
        metadata.write(dir);
    }

    public TranslatorMetadata metadata() {
        return metadata;
    }

    /** Languages this translator was trained to produce. */
    public List<String> languages() {
        return metadata.languages();
    }

    public long parameterCount() {
        return model.namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Translations of {@code sources} into {@code languageCode}, in order; blank sources give empty strings. */
    public List<String> translate(List<String> sources, String languageCode) {
        return translateCounting(sources, languageCode).translations();
    }

    /** As {@link #translate}, also counting the tokens generated (eos included), for throughput figures. */
    public Translations translateCounting(List<String> sources, String languageCode) {
        LanguageTag.check(languageCode);
        Autograd.offForThisThread();
        if (!metadata.languages().contains(languageCode)) {
            throw new IllegalArgumentException("this translator was trained for " + metadata.languages()
                    + ", not for '" + languageCode + "'");
        }
        long[][] prompts = new long[sources.size()][];
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            if (source == null || source.isBlank()) {
                continue;
            }
            prompts[i] = tokenizer.prompt(languageCode, source);
            if (prompts[i].length > metadata.config().maxPromptTokens()) {
                throw new IllegalArgumentException("source " + i + " is " + prompts[i].length
                        + " prompt tokens, more than max_prompt_tokens " + metadata.config().maxPromptTokens()
                        + ": '" + source + "'");
            }
        }
        Integer[] order = IntStream.range(0, sources.size()).filter(i -> prompts[i] != null).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> prompts[i].length).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        String[] out = new String[sources.size()];
        Arrays.fill(out, "");
        long generated = 0;
        for (int start = 0; start < order.length; start += BATCH) {
            Integer[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + BATCH));
            List<long[]> ids = generate(batch, prompts);
            for (int b = 0; b < batch.length; b++) {
                out[batch[b]] = tokenizer.decode(ids.get(b));
                generated += ids.get(b).length;
            }
        }
        return new Translations(List.of(out), generated);
    }

    /** Translations in input order and the number of tokens decoded for them. */
    public record Translations(List<String> translations, long generatedTokens) {
    }

    PaloModel model() {
        return model;
    }

    TranslatorTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }

    /** Right-padded prompts of one batch; the generator left-packs them itself. */
    private List<long[]> generate(Integer[] batch, long[][] prompts) {
        int length = Arrays.stream(batch).mapToInt(i -> prompts[i].length).max().orElseThrow();
        long[] ids = new long[batch.length * length];
        long[] mask = new long[batch.length * length];
        Arrays.fill(ids, tokenizer.padId());
        for (int b = 0; b < batch.length; b++) {
            long[] prompt = prompts[batch[b]];
            System.arraycopy(prompt, 0, ids, b * length, prompt.length);
            Arrays.fill(mask, b * length, b * length + prompt.length, 1);
        }
        try (NDManager step = NDManager.newBaseManager()) {
            Shape shape = new Shape(batch.length, length);
            return new Generator(model).generate(step.create(ids, shape), step.create(mask, shape), null,
                    GenerationConfig.greedy(metadata.config().maxTargetTokens(), tokenizer.eosId()));
        }
    }
}
