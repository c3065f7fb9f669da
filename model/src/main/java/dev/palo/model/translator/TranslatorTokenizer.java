package dev.palo.model.translator;

import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The translator's text ↔ ids: a BPE trained on the pairs (byte fallback, so no text is unknown) and the prompt
 * format {@code <s> <2xx> source ⇒} followed by {@code target </s>}. Keeps the tokenizer.json bytes so a model
 * saved anywhere carries the exact tokenizer it was trained with.
 */
final class TranslatorTokenizer implements AutoCloseable {
    static final String FILE = "tokenizer.json";
    /** Ends the prompt; the target follows. A character PALO-mini text never holds. */
    static final String SEPARATOR = "\u21D2";

    private final byte[] json;
    private final HuggingFaceTextTokenizer tokenizer;

    private TranslatorTokenizer(byte[] json) {
        this.json = json.clone();
        this.tokenizer = withFile(json, HuggingFaceTextTokenizer::load);
    }

    /** Trains the BPE on every prompt and target, so the language tags and the separator become single tokens. */
    static TranslatorTokenizer train(List<TranslationPair> pairs, int vocabSize) {
        List<String> corpus = new ArrayList<>(pairs.size() * 2);
        for (TranslationPair pair : pairs) {
            corpus.add(promptText(pair.language(), pair.source()));
            corpus.add(pair.target());
        }
        BpeTrainer.Result bpe = new BpeTrainer(vocabSize).train(corpus);
        return new TranslatorTokenizer(withTempFile(file -> {
            LlamaTokenizerJson.write(bpe, file);
            return Files.readAllBytes(file);
        }));
    }

    static TranslatorTokenizer load(Path file) {
        try {
            return new TranslatorTokenizer(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read translator tokenizer " + file, e);
        }
    }

    void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write translator tokenizer " + file, e);
        }
    }

    /** An independent tokenizer with the same vocabulary (each owner closes its own native tokenizer). */
    TranslatorTokenizer copy() {
        return new TranslatorTokenizer(json);
    }

    long[] prompt(String language, String source) {
        long[] text = tokenizer.encode(promptText(language, source), false);
        long[] ids = new long[text.length + 1];
        ids[0] = tokenizer.bosId();
        System.arraycopy(text, 0, ids, 1, text.length);
        return ids;
    }

    long[] target(String text) {
        long[] ids = tokenizer.encode(text, false);
        long[] withEos = Arrays.copyOf(ids, ids.length + 1);
        withEos[ids.length] = tokenizer.eosId();
        return withEos;
    }

    String decode(long[] ids) {
        return tokenizer.decode(ids);
    }

    long eosId() {
        return tokenizer.eosId();
    }

    long padId() {
        return tokenizer.padId();
    }

    int vocabSize() {
        return tokenizer.vocabSize();
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static String promptText(String language, String source) {
        return LanguageTag.of(language) + " " + source + " " + SEPARATOR;
    }

    private interface FileFunction<T> {
        T apply(Path file) throws IOException;
    }

    private static <T> T withFile(byte[] json, Function<Path, T> load) {
        return withTempFile(file -> {
            Files.write(file, json);
            return load.apply(file);
        });
    }

    private static <T> T withTempFile(FileFunction<T> body) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("palo-translator-tokenizer");
            return body.apply(dir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the translator tokenizer in a temporary folder", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                    Files.delete(dir);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
