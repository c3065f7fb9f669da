package dev.palo.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Writes a BPE vocabulary and its merges as a HF {@code tokenizer.json} with Llama's layout, the one transformers'
 * {@code LlamaTokenizerFast} builds: byte fallback, {@code <s>} prepended by the post-processor, and, for the
 * {@code legacy} setting, a Prepend/Replace ▁ normaliser with no pre-tokenizer (every segment between special tokens
 * gets its ▁), or else a Metaspace pre-tokenizer that prepends ▁ to the first segment only. A BPE trained here
 * ({@link BpeTrainer}) is written legacy, so {@link HuggingFaceTextTokenizer} serves trained and real Llama
 * tokenizers alike; {@link SentencePieceConversion} writes a SentencePiece model's with its own settings.
 */
public final class LlamaTokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The settings of {@code tokenizer_config.json} that shape the file: {@code legacy}, {@code add_prefix_space},
     * and which special tokens the post-processor adds.
     */
    public record Layout(boolean legacy, boolean addPrefixSpace, String bos, boolean addBos, String eos,
                         boolean addEos, String unk) {
        /** The platform's own tokenizers: legacy, ▁ prepended, {@code <s>} added. */
        public static final Layout PLATFORM = new Layout(true, true, SpecialTokens.BOS, true, SpecialTokens.EOS,
                false, SpecialTokens.UNK);
    }

    private LlamaTokenizerJson() {
    }

    public static void write(BpeTrainer.Result bpe, Path file) {
        List<AddedToken> added = new ArrayList<>();
        for (String token : SpecialTokens.ALL) {
            added.add(AddedToken.special(bpe.vocab().get(token), token));
        }
        write(bpe.vocab(), bpe.merges(), added, Layout.PLATFORM, file);
    }

    public static void write(LinkedHashMap<String, Integer> vocab, List<String[]> merges, List<AddedToken> addedTokens,
                             Layout layout, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (AddedToken token : addedTokens) {
            added.addObject().put("id", token.id()).put("content", token.content())
                    .put("single_word", token.singleWord()).put("lstrip", token.lstrip()).put("rstrip", token.rstrip())
                    .put("normalized", token.normalized()).put("special", token.special());
        }
        if (layout.legacy()) {
            ArrayNode normalizers = root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
            if (layout.addPrefixSpace()) {
                normalizers.addObject().put("type", "Prepend").put("prepend", BpeTrainer.WORD_MARKER);
            }
            replace(normalizers.addObject(), " ", BpeTrainer.WORD_MARKER);
            root.putNull("pre_tokenizer");
        } else {
            root.putNull("normalizer");
            root.putObject("pre_tokenizer").put("type", "Metaspace").put("replacement", BpeTrainer.WORD_MARKER)
                    .put("prepend_scheme", layout.addPrefixSpace() ? "first" : "never").put("split", false);
        }
        postProcessor(root.putObject("post_processor"), layout, vocab, addedTokens);
        ArrayNode decoders = root.putObject("decoder").put("type", "Sequence").putArray("decoders");
        replace(decoders.addObject(), BpeTrainer.WORD_MARKER, " ");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        if (layout.addPrefixSpace()) {
            decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
        }
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", layout.unk());
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", true).put("byte_fallback", true);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode mergesNode = model.putArray("merges");
        merges.forEach(m -> mergesNode.add(m[0] + " " + m[1]));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tokenizer " + file, e);
        }
    }

    private static void replace(ObjectNode node, String from, String to) {
        node.put("type", "Replace").put("content", to).putObject("pattern").put("String", from);
    }

    /** {@code <s>:0 $A:0 [</s>:0]} and the pair {@code ... <s>:1 $B:1 [</s>:1]}, as LlamaTokenizerFast sets them. */
    private static void postProcessor(ObjectNode post, Layout layout, LinkedHashMap<String, Integer> vocab,
                                      List<AddedToken> added) {
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        ArrayNode pair = post.putArray("pair");
        sequence(single, layout, "A", 0);
        sequence(pair, layout, "A", 0);
        sequence(pair, layout, "B", 1);
        ObjectNode specials = post.putObject("special_tokens");
        if (layout.addBos()) {
            special(specials, layout.bos(), vocab, added);
        }
        if (layout.addEos()) {
            special(specials, layout.eos(), vocab, added);
        }
    }

    private static void sequence(ArrayNode template, Layout layout, String id, int typeId) {
        if (layout.addBos()) {
            template.addObject().putObject("SpecialToken").put("id", layout.bos()).put("type_id", typeId);
        }
        template.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
        if (layout.addEos()) {
            template.addObject().putObject("SpecialToken").put("id", layout.eos()).put("type_id", typeId);
        }
    }

    private static void special(ObjectNode specials, String token, LinkedHashMap<String, Integer> vocab,
                                List<AddedToken> added) {
        Integer id = vocab.get(token);
        for (AddedToken a : added) {
            if (a.content().equals(token)) {
                id = a.id();
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("the tokenizer has no " + token + " token to add to every sequence");
        }
        specials.putObject(token).put("id", token).<ObjectNode>set("ids", JSON.createArrayNode().add(id))
                .set("tokens", JSON.createArrayNode().add(token));
    }
}
