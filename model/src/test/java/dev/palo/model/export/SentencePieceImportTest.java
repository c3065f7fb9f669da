package dev.palo.model.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.Constants;
import dev.palo.model.base.ImportedBaseModel;
import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.conversation.ConversationTurn;
import dev.palo.model.conversation.TokenizedConversation;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.SentencePieceReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LLaVA-1.5-style release whose tokenizer is only SentencePiece's {@code tokenizer.model} with the
 * {@code tokenizer_config.json} and {@code special_tokens_map.json} LLaVA ships ({@code legacy} false, the special
 * tokens written as AddedToken objects, {@code <unk>} as pad) imports as shipped: the bundle's {@code tokenizer.json}
 * fits the model's embeddings (the base-model stage's check passes) and encodes the ten languages and the vicuna_v1
 * template as the slow {@code LlamaTokenizer} LLaVA loads does.
 */
class SentencePieceImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VOCAB = 700;

    @TempDir
    Path dir;

    @Test
    void aReleaseWithOnlyTokenizerModelImportsAndEncodesAsPython() throws Exception {
        String python = ReferencePython.require();
        ExportFixture fixture = ExportFixture.create(dir.resolve("bundles"), "mlp2x_gelu", VOCAB);
        Path out = dir.resolve("export");
        LlavaExport.export(fixture.pretrain, null, "pretrain", ExportFixture.MAX_LENGTH, out);
        Path releases = dir.resolve("releases");
        Path release = releases.resolve("llava-v1.5-tiny");
        Files.createDirectories(release);
        for (String file : List.of(LlavaNames.CONFIG, LlavaNames.MODEL)) {
            Files.copy(out.resolve("llava-palo-pretrain").resolve(file), release.resolve(file));
        }
        Files.createSymbolicLink(releases.resolve(LlavaNames.VISION_TOWER_DIR),
                out.resolve(LlavaNames.VISION_TOWER_DIR));
        SentencePieceReference.train(python, release, "bpe", VOCAB);
        ObjectNode config = JSON.createObjectNode().put("add_bos_token", true).put("add_eos_token", false);
        addedToken(config, "bos_token", "<s>");
        config.put("clean_up_tokenization_spaces", false);
        addedToken(config, "eos_token", "</s>");
        config.put("legacy", false).put("model_max_length", 2048).putNull("pad_token").put("padding_side", "right");
        config.putObject("sp_model_kwargs");
        config.put("tokenizer_class", "LlamaTokenizer");
        addedToken(config, "unk_token", "<unk>");
        SentencePieceReference.writeConfig(release, config);
        ObjectNode specials = JSON.createObjectNode();
        addedToken(specials, "bos_token", "<s>");
        addedToken(specials, "eos_token", "</s>");
        specials.put("pad_token", "<unk>");
        addedToken(specials, "unk_token", "<unk>");
        JSON.writeValue(release.resolve(LlavaNames.SPECIAL_TOKENS_MAP).toFile(), specials);
        assertFalse(Files.exists(release.resolve(LlavaNames.TOKENIZER)));

        Path imported = dir.resolve("imported");
        LlavaImport.toBundle(release, imported);
        // what the base-model stage checks before it registers an import: the tokenizer fits the embeddings
        assertEquals(VOCAB, ImportedBaseModel.validate(imported).textConfig().vocabSize());

        LlavaRoundTripTest.assertSameTensors(fixture.pretrain.resolve(LlavaNames.MODEL),
                imported.resolve(LlavaNames.MODEL));
        assertFalse(Files.exists(release.resolve(LlavaNames.TOKENIZER)), "the release directory is left as shipped");
        List<String> samples = SentencePieceReference.samples();
        JsonNode reference = SentencePieceReference.encode(python, release, samples);
        Path tokenizerJson = imported.resolve(LlavaNames.TOKENIZER);
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(tokenizerJson)) {
            assertFalse(tokenizer.legacy());
            assertEquals(0, tokenizer.unkId());
            assertEquals(1, tokenizer.bosId());
            assertEquals(2, tokenizer.eosId());
            assertEquals(VOCAB, tokenizer.vocabSize());
            // the platform's training tokenization of the conversation, round by round as LLaVA's preprocess_v1
            // counts it (its legacy-false branch): the whole text's ids, and only the replies and </s> supervised
            List<ConversationTurn> turns = SentencePieceReference.turns();
            TokenizedConversation conversation = ConversationTemplates.get("vicuna_v1").tokenize(turns, tokenizer,
                    4096);
            List<String> conversations = SentencePieceReference.conversations();
            String training = conversations.get(conversations.size() - 1);
            assertArrayEquals(SentencePieceReference.ids(reference.get("texts").get(samples.indexOf(training))
                    .get("slow")), conversation.inputIds());
            List<String> supervised = supervisedSpans(conversation, tokenizer);
            List<String> replies = new ArrayList<>();
            turns.stream().filter(t -> t.from().equals(ConversationTurn.GPT)).forEach(t -> replies.add(t.value()));
            assertEquals(replies, supervised);
            for (int i = 0; i < samples.size(); i++) {
                String text = samples.get(i);
                long[] ids = tokenizer.encode(text, true);
                JsonNode expected = reference.get("texts").get(i);
                assertArrayEquals(SentencePieceReference.ids(expected.get("fast")), ids, text);
                if (!text.startsWith(" ")) {
                    assertArrayEquals(SentencePieceReference.ids(expected.get("slow")), ids, text);
                    assertEquals(expected.get("slow_decoded").asText(), tokenizer.decode(ids), text);
                }
            }
        }
    }

    /** Each run of supervised tokens, decoded (its closing </s> is a special token, so it decodes to nothing). */
    private static List<String> supervisedSpans(TokenizedConversation conversation,
                                                HuggingFaceTextTokenizer tokenizer) {
        List<String> spans = new ArrayList<>();
        List<Long> span = new ArrayList<>();
        long[] labels = conversation.labels();
        for (int i = 0; i <= labels.length; i++) {
            if (i < labels.length && labels[i] != Constants.IGNORE_INDEX) {
                span.add(labels[i]);
            } else if (!span.isEmpty()) {
                assertEquals(tokenizer.eosId(), span.get(span.size() - 1), "a reply's supervision ends with </s>");
                spans.add(tokenizer.decode(span.stream().mapToLong(Long::longValue).toArray()));
                span.clear();
            }
        }
        return spans;
    }

    private static void addedToken(ObjectNode node, String key, String content) {
        node.putObject(key).put("__type", "AddedToken").put("content", content).put("lstrip", false)
                .put("normalized", false).put("rstrip", false).put("single_word", false);
    }
}
