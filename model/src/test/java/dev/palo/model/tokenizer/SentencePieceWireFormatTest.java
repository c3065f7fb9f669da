package dev.palo.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tokenizer.model} written here field by field, as {@code sentencepiece_model.proto} numbers them, so the
 * reading, the merge order and the refusals are checked without the reference Python stack (the comparison with
 * transformers is {@link SentencePieceConversionTest}).
 */
class SentencePieceWireFormatTest {
    @TempDir
    Path dir;

    /** id order; scores tie on purpose so that the length rules and code-point counting decide. */
    private static final List<Object[]> PIECES = List.of(
            new Object[] {"<unk>", 0f, SentencePieceModel.UNKNOWN}, new Object[] {"<s>", 0f, SentencePieceModel.CONTROL},
            new Object[] {"</s>", 0f, SentencePieceModel.CONTROL}, new Object[] {"<0x41>", 0f, SentencePieceModel.BYTE},
            new Object[] {"▁a", -1f, null}, new Object[] {"▁ab", -2f, null}, new Object[] {"ab", -3f, null},
            new Object[] {"🙂x", -2f, null}, new Object[] {"▁", -4f, null}, new Object[] {"a", -5f, null},
            new Object[] {"b", -6f, null}, new Object[] {"🙂", -7f, null}, new Object[] {"x", -8f, null});

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

    @Test
    void refusesWhatWouldEncodeDifferentlyFromSentencePiece() throws IOException {
        write(1, "identity", false, false);
        assertRefused("unigram model; only BPE");
        write(2, "nmt_nfkc", true, false);
        assertRefused("'nmt_nfkc' rule");
        write(2, "identity", false, true);
        assertRefused("remove_extra_whitespaces");
        Files.writeString(dir.resolve("tokenizer.model"), "version https://git-lfs.github.com/spec/v1\noid sha256:0\n");
        assertRefused("is not a SentencePiece model");
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    private void assertRefused(String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SentencePieceConversion.convert(dir, dir.resolve("out/tokenizer.json")));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    /** ModelProto: pieces = 1, trainer_spec = 2, normalizer_spec = 3, and a self_test_data (4) to skip. */
    private void write(int modelType, String normalizer, boolean charsmap, boolean collapseSpaces) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (Object[] p : PIECES) {
            ByteArrayOutputStream piece = new ByteArrayOutputStream();
            CodedOutputStream pieceOut = CodedOutputStream.newInstance(piece);
            pieceOut.writeString(1, (String) p[0]);
            pieceOut.writeFloat(2, (Float) p[1]);
            if (p[2] != null) {
                pieceOut.writeEnum(3, (Integer) p[2]);
            }
            pieceOut.flush();
            out.writeByteArray(1, piece.toByteArray());
        }
        ByteArrayOutputStream trainer = new ByteArrayOutputStream();
        CodedOutputStream trainerOut = CodedOutputStream.newInstance(trainer);
        trainerOut.writeString(1, "corpus.txt");
        trainerOut.writeEnum(3, modelType);
        trainerOut.writeInt32(4, PIECES.size());
        trainerOut.writeBool(35, true);
        trainerOut.writeInt32(43, -1);
        trainerOut.flush();
        out.writeByteArray(2, trainer.toByteArray());
        ByteArrayOutputStream spec = new ByteArrayOutputStream();
        CodedOutputStream specOut = CodedOutputStream.newInstance(spec);
        specOut.writeString(1, normalizer);
        if (charsmap) {
            specOut.writeBytes(2, ByteString.copyFrom(new byte[] {1, 2, 3}));
        }
        if (!collapseSpaces) {
            specOut.writeBool(4, false);
        }
        specOut.flush();
        out.writeByteArray(3, spec.toByteArray());
        out.writeByteArray(4, new byte[] {10, 2, 'h', 'i'});
        out.flush();
        Files.write(dir.resolve("tokenizer.model"), bytes.toByteArray());
    }
}
