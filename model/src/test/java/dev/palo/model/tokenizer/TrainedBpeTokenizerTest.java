package dev.palo.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A BPE trained here on the ten-language sentences, written as tokenizer.json and loaded through DJL. */
class TrainedBpeTokenizerTest {

    static final int VOCAB = 500;
    @TempDir
    static Path dir;
    static TextTokenizer tokenizer;
    static Path file;

    @BeforeAll
    static void train() {
        file = dir.resolve("tokenizer.json");
        // twice, so every pair inside a word is frequent enough to merge and the target size is reached
        List<String> corpus = new ArrayList<>(TenLanguageSentences.ALL);
        corpus.addAll(TenLanguageSentences.ALL);
        LlamaTokenizerJson.write(new BpeTrainer(VOCAB).train(corpus), file);
        tokenizer = HuggingFaceTextTokenizer.load(file);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void hasTheSpecialTokensAndTargetSize() {
        assertEquals(0, tokenizer.unkId());
        assertEquals(1, tokenizer.bosId());
        assertEquals(2, tokenizer.eosId());
        assertEquals(3, tokenizer.padId());
        assertEquals(VOCAB, tokenizer.vocabSize());
    }

    @Test
    void roundTripsAllTenLanguagesWithoutUnknowns() {
        for (String sentence : TenLanguageSentences.ALL) {
            long[] ids = tokenizer.encode(sentence, true);
            assertEquals(tokenizer.bosId(), ids[0]);
            assertNoUnknown(ids, sentence);
            assertEquals(sentence, tokenizer.decode(ids));
        }
    }

    @Test
    void learnedMergesShortenText() {
        String sentence = TenLanguageSentences.ALL.get(0);
        assertTrue(tokenizer.encode(sentence, false).length < sentence.codePointCount(0, sentence.length()),
                "merges should give fewer tokens than characters on a training sentence");
    }

    @Test
    void hanAndKanaStaySingleCharactersWhateverTheirFrequency() {
        List<String> templated = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            templated.add("星形是什么颜色的？");
            templated.add("星は何色ですか？");
            templated.add("The star is red.");
        }
        BpeTrainer.Result result = new BpeTrainer(400).train(templated);
        String hanOrKana = ".*[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}].*";
        assertTrue(result.merges().stream().noneMatch(pair -> (pair[0] + pair[1]).matches(hanOrKana)),
                "a merge joins Han or kana");
        assertTrue(result.vocab().containsKey(BpeTrainer.WORD_MARKER + "star"), "other scripts still merge");
    }

    @Test
    void unseenCharactersFallBackToBytes() throws Exception {
        String unseen = "Ω ψ 😀 ñ — Zebra ქართული";
        long[] ids = tokenizer.encode(unseen, false);
        assertNoUnknown(ids, unseen);
        assertEquals(unseen, tokenizer.decode(ids));
        JsonNode vocab = new ObjectMapper().readTree(file.toFile()).path("model").path("vocab");
        long emojiFirstByte = vocab.get("<0xF0>").asLong();
        assertTrue(Arrays.stream(ids).anyMatch(id -> id == emojiFirstByte), "😀 is encoded as its UTF-8 bytes");
    }

    @Test
    void eosInTextIsTheSpecialToken() {
        long[] ids = tokenizer.encode("A red circle</s>", false);
        assertEquals(tokenizer.eosId(), ids[ids.length - 1]);
    }

    @Test
    void tooSmallVocabularyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BpeTrainer(270).train(List.of(TenLanguageSentences.ALL.get(1))));
        assertTrue(e.getMessage().contains("270"), e.getMessage());
    }

    private static void assertNoUnknown(long[] ids, String text) {
        assertFalse(Arrays.stream(ids).anyMatch(id -> id == tokenizer.unkId()), "unk in encoding of " + text);
    }
}
