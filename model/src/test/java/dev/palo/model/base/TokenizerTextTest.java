package dev.palo.model.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTextTest {
    private static final List<String> CORPUS = Collections.nCopies(200, "There is a big red square on the left.");
    private static final String SYSTEM = ConversationTemplates.get("vicuna_v1").fixedText();

    @TempDir
    Path dir;

    @Test
    void addsEachTemplatesFixedTextOncePerCorpusLine() {
        List<String> text = TokenizerText.of(CORPUS);
        assertEquals(CORPUS, text.subList(0, CORPUS.size()));
        assertEquals(Collections.nCopies(CORPUS.size(), SYSTEM), text.subList(CORPUS.size(), text.size()));
    }

    @Test
    void theTokenizerKnowsTheSystemPromptsWords() {
        int words = SYSTEM.split(" ").length;
        int withTemplates = tokens(TokenizerText.of(CORPUS), "with");
        int corpusOnly = tokens(CORPUS, "without");
        assertTrue(withTemplates <= words + 8, withTemplates + " tokens for " + words + " words");
        assertTrue(corpusOnly > 2 * words, corpusOnly + " tokens for " + words + " words from the corpus alone");
    }

    private int tokens(List<String> text, String name) {
        Path file = dir.resolve(name + ".json");
        LlamaTokenizerJson.write(new BpeTrainer(600).train(text), file);
        try (TextTokenizer tokenizer = HuggingFaceTextTokenizer.load(file)) {
            return tokenizer.encode(SYSTEM, false).length;
        }
    }
}
