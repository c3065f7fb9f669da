package dev.palo.model.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A HF {@code tokenizer.json} (Llama-2's or one written by {@link BpeTrainer}) served by DJL's tokenizers. */
public final class HuggingFaceTextTokenizer implements TextTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final long bosId;
    private final long eosId;
    private final long padId;
    private final long unkId;
    private final int vocabSize;
    private final boolean legacy;

    private HuggingFaceTextTokenizer(HuggingFaceTokenizer tokenizer, JsonNode json) {
        this.tokenizer = tokenizer;
        Map<String, Long> specials = specialTokenIds(json);
        this.unkId = required(specials, SpecialTokens.UNK);
        this.bosId = required(specials, SpecialTokens.BOS);
        this.eosId = required(specials, SpecialTokens.EOS);
        this.padId = specials.getOrDefault(SpecialTokens.PAD, unkId);
        this.vocabSize = vocabSize(json);
        this.legacy = isLegacy(json);
    }

    /** Loads {@code tokenizer.json}; truncation and padding are off (DJL truncates at 512 by default). */
    public static HuggingFaceTextTokenizer load(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("tokenizer file not found: " + tokenizerJson);
        }
        try {
            JsonNode json = new ObjectMapper().readTree(tokenizerJson.toFile());
            if (!"BPE".equals(json.path("model").path("type").asText())) {
                throw new IllegalArgumentException("tokenizer " + tokenizerJson + " is not a BPE model: "
                        + json.path("model").path("type").asText("<missing model.type>"));
            }
            Map<String, String> options = Map.of(
                    "addSpecialTokens", "true", "truncation", "false", "padding", "false");
            return new HuggingFaceTextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
        }
    }

    @Override
    public long[] encode(String text, boolean addSpecialTokens) {
        return tokenizer.encode(text, addSpecialTokens, false).getIds();
    }

    @Override
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    @Override
    public long bosId() {
        return bosId;
    }

    @Override
    public long eosId() {
        return eosId;
    }

    @Override
    public long padId() {
        return padId;
    }

    @Override
    public long unkId() {
        return unkId;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public boolean legacy() {
        return legacy;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static Map<String, Long> specialTokenIds(JsonNode json) {
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode added : json.path("added_tokens")) {
            ids.put(added.path("content").asText(), added.path("id").asLong());
        }
        JsonNode vocab = json.path("model").path("vocab");
        for (String token : SpecialTokens.ALL) {
            if (!ids.containsKey(token) && vocab.has(token)) {
                ids.put(token, vocab.get(token).asLong());
            }
        }
        return ids;
    }

    private static long required(Map<String, Long> ids, String token) {
        Long id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("tokenizer has no " + token + " token");
        }
        return id;
    }

    private static int vocabSize(JsonNode json) {
        long max = -1;
        for (JsonNode id : json.path("model").path("vocab")) {
            max = Math.max(max, id.asLong());
        }
        for (JsonNode added : json.path("added_tokens")) {
            max = Math.max(max, added.path("id").asLong());
        }
        return Math.toIntExact(max + 1);
    }

    /**
     * Only a Metaspace pre-tokenizer with prepend_scheme "first" (or "never", where {@code add_prefix_space} is false)
     * stops the marker after special tokens: transformers' layout for {@code legacy} false.
     */
    private static boolean isLegacy(JsonNode json) {
        JsonNode pre = json.path("pre_tokenizer");
        String scheme = pre.path("prepend_scheme").asText();
        return !("Metaspace".equals(pre.path("type").asText()) && (scheme.equals("first") || scheme.equals("never")));
    }
}
