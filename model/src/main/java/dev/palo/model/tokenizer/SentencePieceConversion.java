package dev.palo.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Llama tokenizer directory as LLaMA-2, Vicuna, LLaVA and PALO releases ship it (a SentencePiece
 * {@code tokenizer.model}, {@code tokenizer_config.json}, perhaps {@code special_tokens_map.json} and
 * {@code added_tokens.json}) to the {@code tokenizer.json} transformers' {@code LlamaTokenizerFast} builds from it
 * (its {@code LlamaConverter}): the pieces as a BPE vocabulary with byte fallback, the merges in
 * {@link SentencePieceMerges}' order, the normaliser or pre-tokenizer {@code legacy} selects, the decoder, the
 * post-processor adding {@code <s>}, and the added tokens with the ids transformers gives them.
 *
 * <p>Refused, with the reason: a model that is not BPE (a unigram model needs a different tokenizer), and a model
 * whose own normalisation transformers' conversion leaves out (a precompiled character map such as nmt_nfkc, extra
 * whitespace removal, no dummy prefix), where the converted tokenizer would encode some texts differently from
 * SentencePiece itself, as LLaVA's {@code use_fast=False} tokenizer does; and {@code legacy} true with
 * {@code add_prefix_space} false, a setting transformers' fast and slow Llama tokenizers read differently.
 */
public final class SentencePieceConversion {
    public static final String MODEL_FILE = "tokenizer.model";
    public static final String CONFIG_FILE = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_FILE = "special_tokens_map.json";
    public static final String ADDED_TOKENS_FILE = "added_tokens.json";
    /** transformers' {@code SPECIAL_TOKENS_ATTRIBUTES} that name a single token. */
    private static final List<String> SPECIAL_KEYS = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SentencePieceConversion() {
    }

    /** True when {@code dir} holds a SentencePiece model this class can be asked to convert. */
    public static boolean hasModel(Path dir) {
        return Files.isRegularFile(dir.resolve(MODEL_FILE));
    }

    /** Writes {@code dir}'s tokenizer as {@code tokenizerJson}; an unsupported model is an IllegalArgumentException. */
    public static void convert(Path dir, Path tokenizerJson) {
        Path modelFile = dir.resolve(MODEL_FILE);
        SentencePieceModel model = SentencePieceModel.read(modelFile);
        refuseUnsupported(model, modelFile);
        JsonNode config = readJson(dir.resolve(CONFIG_FILE));
        Map<String, String> specials = specialTokens(config, dir);
        LlamaTokenizerJson.Layout layout = new LlamaTokenizerJson.Layout(
                flag(config, "legacy", true), flag(config, "add_prefix_space", true),
                specials.getOrDefault("bos_token", SpecialTokens.BOS), flag(config, "add_bos_token", true),
                specials.getOrDefault("eos_token", SpecialTokens.EOS), flag(config, "add_eos_token", false),
                model.unkPiece());
        if (layout.legacy() && !layout.addPrefixSpace()) {
            throw new IllegalArgumentException(dir.resolve(CONFIG_FILE) + " sets legacy true with add_prefix_space"
                    + " false, on which transformers' two Llama tokenizers disagree (the slow one still prefixes ▁ to"
                    + " every text): it is not converted; with legacy false the setting converts");
        }

        // LlamaConverter: the pieces in id order, the first three with score 0
        LinkedHashMap<String, Integer> vocab = new LinkedHashMap<>();
        float[] scores = new float[model.pieces().size()];
        for (int id = 0; id < scores.length; id++) {
            SentencePieceModel.Piece piece = model.pieces().get(id);
            vocab.put(piece.piece(), id);
            scores[id] = id < 3 ? 0f : piece.score();
        }
        List<AddedToken> added = addedTokens(model, vocab, config, specials, dir);
        LlamaTokenizerJson.write(vocab, SentencePieceMerges.of(vocab, scores), added, layout, tokenizerJson);
    }

    private static void refuseUnsupported(SentencePieceModel model, Path file) {
        String why = null;
        if (model.modelType() != SentencePieceModel.BPE) {
            why = "is a SentencePiece " + model.modelTypeName() + " model; only BPE models (LLaMA's, Vicuna's, LLaVA's"
                    + " and PALO's) convert to the platform's tokenizer";
        } else if (model.precompiledCharsmap()) {
            why = "normalises text with SentencePiece's '" + model.normalizerName() + "' rule, which a converted"
                    + " Llama tokenizer does not apply (LLaMA's model uses 'identity')";
        } else if (model.removeExtraWhitespaces()) {
            why = "collapses runs of spaces (remove_extra_whitespaces), which a converted Llama tokenizer does not";
        } else if (!model.addDummyPrefix()) {
            why = "adds no dummy prefix (add_dummy_prefix false), which a converted Llama tokenizer always adds";
        }
        if (why != null) {
            throw new IllegalArgumentException(file + " " + why + ": it would encode differently from SentencePiece"
                    + " itself, so it is not converted");
        }
    }

    /**
     * The special tokens by attribute ({@code bos_token}...; Llama's three by default), and
     * {@code additional_special_tokens} as {@code additional_special_tokens.N}: tokenizer_config.json's, overridden by special_tokens_map.json's where the
     * config lists no {@code added_tokens_decoder} (transformers reads that file only then).
     */
    private static Map<String, String> specialTokens(JsonNode config, Path dir) {
        // LlamaTokenizer's own defaults, where neither file names them
        Map<String, String> specials = new LinkedHashMap<>();
        specials.put("bos_token", SpecialTokens.BOS);
        specials.put("eos_token", SpecialTokens.EOS);
        specials.put("unk_token", SpecialTokens.UNK);
        putSpecials(specials, config);
        if (!config.has("added_tokens_decoder")) {
            putSpecials(specials, readJson(dir.resolve(SPECIAL_TOKENS_FILE)));
        }
        return specials;
    }

    private static void putSpecials(Map<String, String> specials, JsonNode json) {
        for (String key : SPECIAL_KEYS) {
            String content = content(json.path(key));
            if (content != null) {
                specials.put(key, content);
            }
        }
        JsonNode additional = json.path("additional_special_tokens");
        if (additional.isArray()) {
            specials.keySet().removeIf(k -> k.startsWith("additional_special_tokens."));
            for (int i = 0; i < additional.size(); i++) {
                specials.put("additional_special_tokens." + i, content(additional.get(i)));
            }
        }
    }

    /**
     * transformers' added tokens: the control and user-defined pieces (the converted model's own), then those the
     * config declares ({@code added_tokens_decoder}, else {@code added_tokens.json}) in id order, then any special
     * token not yet among them. A token outside the vocabulary takes the next free id, as transformers adds it; one
     * declared with another id is refused, as the model's embeddings would then be read for the wrong token.
     */
    private static List<AddedToken> addedTokens(SentencePieceModel model, LinkedHashMap<String, Integer> vocab,
                                                JsonNode config, Map<String, String> specials, Path dir) {
        Set<String> specialContents = new LinkedHashSet<>(specials.values());
        TreeMap<Integer, AddedToken> added = new TreeMap<>();
        for (int id = 0; id < model.pieces().size(); id++) {
            SentencePieceModel.Piece piece = model.pieces().get(id);
            if (piece.type() == SentencePieceModel.CONTROL || piece.type() == SentencePieceModel.USER_DEFINED) {
                added.put(id, new AddedToken(id, piece.piece(), false, false, false, false,
                        piece.type() == SentencePieceModel.CONTROL));
            }
        }
        for (Map.Entry<Integer, AddedToken> declared : declaredTokens(config, specialContents, dir).entrySet()) {
            if (added.containsKey(declared.getKey())) {
                continue;
            }
            AddedToken token = declared.getValue();
            add(added, vocab, token, declared.getKey(), token.special() || specialContents.contains(token.content()));
        }
        for (String special : specialContents) {
            if (added.values().stream().noneMatch(t -> t.content().equals(special))) {
                add(added, vocab, AddedToken.special(-1, special), -1, true);
            }
        }
        return new ArrayList<>(added.values());
    }

    private static void add(TreeMap<Integer, AddedToken> added, LinkedHashMap<String, Integer> vocab, AddedToken token,
                            int declaredId, boolean special) {
        int next = Math.max(vocab.size(), added.isEmpty() ? 0 : added.lastKey() + 1);
        int id = vocab.getOrDefault(token.content(), next);
        if (declaredId >= 0 && declaredId != id) {
            throw new IllegalArgumentException("the added token '" + token.content() + "' is declared with id "
                    + declaredId + " but a Hugging Face tokenizer built from this tokenizer.model gives it id " + id
                    + " (the model has " + vocab.size() + " pieces; added tokens follow them in id order)");
        }
        added.put(id, new AddedToken(id, token.content(), token.singleWord(), token.lstrip(), token.rstrip(),
                token.normalized(), special));
    }

    /** {@code added_tokens_decoder} (id → token and flags), else the legacy {@code added_tokens.json} (token → id). */
    private static TreeMap<Integer, AddedToken> declaredTokens(JsonNode config, Set<String> specials, Path dir) {
        TreeMap<Integer, AddedToken> declared = new TreeMap<>();
        JsonNode decoder = config.path("added_tokens_decoder");
        if (decoder.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = decoder.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int id = Integer.parseInt(e.getKey());
                JsonNode t = e.getValue();
                declared.put(id, new AddedToken(id, t.path("content").asText(), t.path("single_word").asBoolean(false),
                        t.path("lstrip").asBoolean(false), t.path("rstrip").asBoolean(false),
                        t.path("normalized").asBoolean(true), t.path("special").asBoolean(false)));
            }
            return declared;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = readJson(dir.resolve(ADDED_TOKENS_FILE)).fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean special = specials.contains(e.getKey());
            int id = e.getValue().asInt();
            declared.put(id, new AddedToken(id, e.getKey(), false, false, false, !special, special));
        }
        return declared;
    }

    /** A special token as the config writes it: a string, or an AddedToken object with its content. */
    private static String content(JsonNode token) {
        if (token.isTextual()) {
            return token.asText();
        }
        return token.isObject() && token.hasNonNull("content") ? token.get("content").asText() : null;
    }

    /** A boolean setting; absent or null takes transformers' default. */
    private static boolean flag(JsonNode config, String key, boolean fallback) {
        JsonNode value = config.path(key);
        return value.isBoolean() ? value.asBoolean() : fallback;
    }

    /** The file's JSON, or a missing node when the directory has no such file. */
    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
