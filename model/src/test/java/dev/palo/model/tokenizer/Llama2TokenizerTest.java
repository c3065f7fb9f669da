package dev.palo.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Llama-2 (Vicuna v1.5) tokenizer, built from npm by the Maven test setup, through DJL. */
class Llama2TokenizerTest {

    static TextTokenizer tokenizer;
    static JsonNode vocab;

    @BeforeAll
    static void load() throws Exception {
        Path file = Llama2Tokenizer.path();
        tokenizer = HuggingFaceTextTokenizer.load(file);
        vocab = new ObjectMapper().readTree(file.toFile()).path("model").path("vocab");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void specialIdsAreLlamas() {
        assertEquals(0, tokenizer.unkId());
        assertEquals(1, tokenizer.bosId());
        assertEquals(2, tokenizer.eosId());
        assertEquals(0, tokenizer.padId(), "Llama has no pad token; like LLaVA, pad = unk");
        assertEquals(32000, tokenizer.vocabSize());
        assertTrue(tokenizer.legacy());
    }

    @Test
    void wordsGetTheirVocabularyIds() {
        long the = vocab.get("\u2581the").asLong();
        long circle = vocab.get("\u2581circle").asLong();
        assertEquals(278, the, "published Llama-2 id of ▁the");
        assertArrayEquals(new long[] {1, the, circle}, tokenizer.encode("the circle", true));
        assertArrayEquals(new long[] {the, circle}, tokenizer.encode("the circle", false));
        long newline = vocab.get("<0x0A>").asLong();
        assertEquals(13, newline);
        long[] ids = tokenizer.encode("the\n", false);
        assertEquals(newline, ids[ids.length - 1], "a newline is the byte token <0x0A>");
    }

    @Test
    void eosInTextIsTheSpecialToken() {
        long[] ids = tokenizer.encode("the</s>", true);
        assertEquals(2, ids[ids.length - 1]);
    }

    @Test
    void longTextIsNotTruncated() {
        String text = "the circle ".repeat(400);
        assertEquals(801, tokenizer.encode(text.strip(), true).length);
    }

    @Test
    void decodesEveryLanguageBack() {
        for (String sentence : TenLanguageSentences.ALL) {
            assertEquals(sentence, tokenizer.decode(tokenizer.encode(sentence, true)));
        }
    }
}
