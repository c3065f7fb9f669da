package dev.palo.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a trained BPE as a HF {@code tokenizer.json} with Llama-2's layout (Prepend/Replace ▁
 * normaliser, no pre-tokenizer, byte fallback, {@code <s>} prepended by the post-processor), so
 * {@link HuggingFaceTextTokenizer} serves trained and real Llama tokenizers alike.
 */
public final class LlamaTokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaTokenizerJson() {
    }

    public static void write(BpeTrainer.Result bpe, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String token : SpecialTokens.ALL) {
            added.addObject().put("id", bpe.vocab().get(token)).put("content", token)
                    .put("single_word", false).put("lstrip", false).put("rstrip", false)
                    .put("normalized", false).put("special", true);
        }
        ArrayNode normalizers = root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
        normalizers.addObject().put("type", "Prepend").put("prepend", BpeTrainer.WORD_MARKER);
        replace(normalizers.addObject(), " ", BpeTrainer.WORD_MARKER);
        root.putNull("pre_tokenizer");
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        bosThen(post.putArray("single"), "A");
        ArrayNode pair = bosThen(post.putArray("pair"), "A");
        bosThen(pair, "B");
        post.putObject("special_tokens").putObject(SpecialTokens.BOS).put("id", SpecialTokens.BOS)
                .<ObjectNode>set("ids", JSON.createArrayNode().add(bpe.vocab().get(SpecialTokens.BOS)))
                .set("tokens", JSON.createArrayNode().add(SpecialTokens.BOS));
        ArrayNode decoders = root.putObject("decoder").put("type", "Sequence").putArray("decoders");
        replace(decoders.addObject(), BpeTrainer.WORD_MARKER, " ");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", SpecialTokens.UNK);
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", true).put("byte_fallback", true);
        ObjectNode vocab = model.putObject("vocab");
        bpe.vocab().forEach(vocab::put);
        ArrayNode merges = model.putArray("merges");
        bpe.merges().forEach(m -> merges.add(m[0] + " " + m[1]));
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

    private static ArrayNode bosThen(ArrayNode template, String sequenceId) {
        template.addObject().putObject("SpecialToken").put("id", SpecialTokens.BOS).put("type_id", sequenceId.equals("A") ? 0 : 1);
        template.addObject().putObject("Sequence").put("id", sequenceId).put("type_id", sequenceId.equals("A") ? 0 : 1);
        return template;
    }
}
