package dev.palo.model.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.tokenizer.SpecialTokens;
import dev.palo.model.tokenizer.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A complete Hugging Face tokenizer directory from the platform's {@code tokenizer.json}: the file itself,
 * {@code tokenizer_config.json} and {@code special_tokens_map.json}.
 *
 * <p>The class is {@code LlamaTokenizerFast}, named with its {@code Fast} suffix: {@code AutoTokenizer} then loads
 * it also when asked for {@code use_fast=False}, as LLaVA's and PALO's loaders ask, where a plain
 * {@code LlamaTokenizer} would need a SentencePiece {@code tokenizer.model}, which the platform's tokenizers (BPE
 * trained here, or Llama-2's rebuilt as {@code tokenizer.json}) do not have. {@code legacy} is set from the
 * tokenizer's own layout, as LLaVA's {@code preprocess_v1} reads it to count each round's tokens.
 */
public final class TokenizerFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenizerFiles() {
    }

    public static void write(Path tokenizerJson, TextTokenizer tokenizer, int modelMaxLength, Path dir) {
        // tokenizers trained here have <pad>; Llama-2's pads with <unk>, as LLaVA sets for Vicuna
        String pad = tokenizer.padId() != tokenizer.unkId() ? SpecialTokens.PAD : SpecialTokens.UNK;
        ObjectNode config = JSON.createObjectNode();
        config.put("tokenizer_class", "LlamaTokenizerFast");
        config.put("legacy", tokenizer.legacy());
        config.put("add_bos_token", true);
        config.put("add_eos_token", false);
        config.put("bos_token", SpecialTokens.BOS);
        config.put("eos_token", SpecialTokens.EOS);
        config.put("unk_token", SpecialTokens.UNK);
        config.put("pad_token", pad);
        config.put("model_max_length", modelMaxLength);
        config.put("padding_side", "right");
        config.put("clean_up_tokenization_spaces", false);
        config.put("use_default_system_prompt", false);
        ObjectNode specials = JSON.createObjectNode();
        specials.put("bos_token", SpecialTokens.BOS);
        specials.put("eos_token", SpecialTokens.EOS);
        specials.put("unk_token", SpecialTokens.UNK);
        specials.put("pad_token", pad);
        try {
            Files.createDirectories(dir);
            Files.copy(tokenizerJson, dir.resolve(LlavaNames.TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
            JSON.writeValue(dir.resolve(LlavaNames.TOKENIZER_CONFIG).toFile(), config);
            JSON.writeValue(dir.resolve(LlavaNames.SPECIAL_TOKENS_MAP).toFile(), specials);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tokenizer files into " + dir, e);
        }
    }
}
