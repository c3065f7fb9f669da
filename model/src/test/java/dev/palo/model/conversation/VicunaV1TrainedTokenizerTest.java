package dev.palo.model.conversation;

import dev.palo.model.Constants;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.tokenizer.TextTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same LLaVA algorithm with a tokenizer trained here: it has Llama's legacy layout, so the
 * mask lines up without LLaVA's non-legacy adjustment. Its merges never cross a "▁" word start, so
 * a reply tokenizes in the conversation exactly as on its own, which gives the expected labels.
 */
class VicunaV1TrainedTokenizerTest {

    @TempDir
    Path dir;

    @Test
    void supervisedTokensAreTheRepliesAndEos() {
        List<String> corpus = List.of(VicunaV1Template.SYSTEM, "USER: What colour is the circle? ASSISTANT: Red.",
                "Where is it? On the left.", "Quelle est la couleur du cercle ? Rouge, à gauche.");
        Path file = dir.resolve("tokenizer.json");
        LlamaTokenizerJson.write(new BpeTrainer(400).train(corpus), file);
        try (TextTokenizer tokenizer = HuggingFaceTextTokenizer.load(file)) {
            assertTrue(tokenizer.legacy());
            List<ConversationTurn> turns = List.of(
                    ConversationTurn.human("<image>\nWhat colour is the circle?"), ConversationTurn.gpt("Red."),
                    ConversationTurn.human("Where is it?"), ConversationTurn.gpt("Rouge, à gauche."));
            TokenizedConversation out = ConversationTemplates.get("vicuna_v1").tokenize(turns, tokenizer, 2048);
            assertEquals(1, Arrays.stream(out.inputIds()).filter(id -> id == Constants.IMAGE_TOKEN_INDEX).count());
            long[] supervised = Arrays.stream(out.labels()).filter(id -> id != Constants.IGNORE_INDEX).toArray();
            long[] expected = LongStream.concat(
                    LongStream.concat(Arrays.stream(tokenizer.encode("Red.", false)), LongStream.of(tokenizer.eosId())),
                    LongStream.concat(Arrays.stream(tokenizer.encode("Rouge, à gauche.", false)), LongStream.of(tokenizer.eosId())))
                    .toArray();
            assertArrayEquals(expected, supervised);
            long[] ids = out.inputIds();
            assertEquals(tokenizer.eosId(), ids[ids.length - 1]);
            assertEquals(tokenizer.eosId(), out.labels()[ids.length - 1]);
        }
    }
}
