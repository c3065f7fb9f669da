package dev.palo.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tokenizer.model} written here field by field ({@link SentencePieceModelWriter}), so the
 * reading, the merge order and the refusals are checked without the reference Python stack (the comparison with
 * transformers is {@link SentencePieceConversionTest}).
 */
class SentencePieceWireFormatTest {
    @TempDir
    Path dir;

    /** id order; scores tie on purpose so that the length rules and code-point counting decide. */
    private static final List<SentencePieceModel.Piece> PIECES = List.of(
            piece("<unk>", 0f, SentencePieceModel.UNKNOWN),
            piece("<s>", 0f, SentencePieceModel.CONTROL),
            piece("</s>", 0f, SentencePieceModel.CONTROL),
            piece("<0x41>", 0f, SentencePieceModel.BYTE),
            piece("▁a", -1f, SentencePieceModel.NORMAL),
            piece("▁ab", -2f, SentencePieceModel.NORMAL),
            piece("ab", -3f, SentencePieceModel.NORMAL),
            piece("🙂x", -2f, SentencePieceModel.NORMAL),
            piece("▁", -4f, SentencePieceModel.NORMAL),
            piece("a", -5f, SentencePieceModel.NORMAL),
            piece("b", -6f, SentencePieceModel.NORMAL),
            piece("🙂", -7f, SentencePieceModel.NORMAL),
            piece("x", -8f, SentencePieceModel.NORMAL));

    @Test
    void readsThePiecesAndMergesInTransformersOrder() throws IOException {
        write(2, "identity", false, false);
        SentencePieceModel model = SentencePieceModel.read(dir.resolve("tokenizer.model"));
        assertEquals(13, model.pieces().size());
        assertEquals(new SentencePieceModel.Piece("🙂x", -2f, SentencePieceModel.NORMAL), model.pieces().get(7));
        assertEquals(SentencePieceModel.BPE, model.modelType());
        assertTrue(model.byteFallback());
        assertEquals("<unk>", model.unkPiece());

        Path json = dir.resolve("out/tokenizer.json");
        SentencePieceConversion.convert(dir, json);
        List<String> merges = new ArrayList<>();
        new ObjectMapper().readTree(json.toFile()).get("model").get("merges").forEach(m -> merges.add(m.asText()));
        // score, then left length, then right length, descending; 🙂 is one code point (two UTF-16 chars)
        assertEquals(List.of("▁ a", "▁a b", "▁ ab", "🙂 x", "a b"), merges);
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(json)) {
            assertArrayEquals(new long[] {1, 5, 4}, tokenizer.encode("ab a", true));
            // A by its byte piece; é's bytes have none here, so it is <unk>
            assertArrayEquals(new long[] {1, 8, 3, 7, 8, 0}, tokenizer.encode("A🙂x é", true));
            assertEquals("ab a", tokenizer.decode(new long[] {1, 5, 4}));
            assertTrue(tokenizer.legacy(), "no tokenizer_config.json: transformers' default, legacy");
        }
    }

    /** An added token follows the pieces, as transformers adds it; one declared elsewhere would be read wrongly. */
    @Test
    void anAddedTokenTakesTheNextIdOrIsRefused() throws IOException {
        write(2, "identity", false, false);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"<pad>\", \"added_tokens_decoder\":"
                + " {\"13\": {\"content\": \"<pad>\", \"normalized\": false, \"special\": true}}}");
        Path json = dir.resolve("out/tokenizer.json");
        SentencePieceConversion.convert(dir, json);
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(json)) {
            assertEquals(13, tokenizer.padId());
            assertEquals(14, tokenizer.vocabSize());
            assertArrayEquals(new long[] {1, 4, 13, 8, 4}, tokenizer.encode("a<pad> a", true));
        }
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"added_tokens_decoder\":"
                + " {\"20\": {\"content\": \"<image>\", \"special\": true}}}");
        assertRefused("'<image>' is declared with id 20 but a Hugging Face tokenizer built from this tokenizer.model"
                + " gives it id 13");
    }

    @Test
    void refusesWhatWouldEncodeDifferentlyFromSentencePiece() throws IOException {
        write(1, "identity", false, false);
        assertRefused("unigram model; only BPE");
        write(2, "nmt_nfkc", true, false);
        assertRefused("'nmt_nfkc' rule");
        write(2, "identity", false, true);
        assertRefused("remove_extra_whitespaces");
        write(2, "identity", false, false);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"legacy\": true, \"add_prefix_space\": false}");
        assertRefused("legacy true with add_prefix_space false");
        Files.writeString(dir.resolve("tokenizer.model"), "version https://git-lfs.github.com/spec/v1\noid sha256:0\n");
        assertRefused("is not a SentencePiece model");
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    private void assertRefused(String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SentencePieceConversion.convert(dir, dir.resolve("out/tokenizer.json")));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private void write(int modelType, String normalizer, boolean charsmap, boolean collapseSpaces) throws IOException {
        SentencePieceModelWriter.write(dir.resolve("tokenizer.model"), PIECES, modelType, normalizer, charsmap,
                collapseSpaces);
    }

    private static SentencePieceModel.Piece piece(String piece, float score, int type) {
        return new SentencePieceModel.Piece(piece, score, type);
    }
}
