package dev.palo.model.tokenizer;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@code tokenizer.model} field by field, numbered as {@code sentencepiece_model.proto} numbers them, for
 * tests that need a model no trainer would make (ties, refusals) or one of Llama-2's size.
 */
final class SentencePieceModelWriter {
    private SentencePieceModelWriter() {
    }

    /**
     * ModelProto: pieces = 1, trainer_spec = 2 (model_type, byte_fallback and fields to skip), normalizer_spec = 3,
     * and a self_test_data (4) to skip. A piece's type is left out (NORMAL by default) when it is NORMAL.
     */
    static void write(Path file, List<SentencePieceModel.Piece> pieces, int modelType, String normalizer,
                      boolean charsmap, boolean removeExtraWhitespaces) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (SentencePieceModel.Piece p : pieces) {
            ByteArrayOutputStream piece = new ByteArrayOutputStream();
            CodedOutputStream pieceOut = CodedOutputStream.newInstance(piece);
            pieceOut.writeString(1, p.piece());
            pieceOut.writeFloat(2, p.score());
            if (p.type() != SentencePieceModel.NORMAL) {
                pieceOut.writeEnum(3, p.type());
            }
            pieceOut.flush();
            out.writeByteArray(1, piece.toByteArray());
        }
        ByteArrayOutputStream trainer = new ByteArrayOutputStream();
        CodedOutputStream trainerOut = CodedOutputStream.newInstance(trainer);
        trainerOut.writeString(1, "corpus.txt");
        trainerOut.writeEnum(3, modelType);
        trainerOut.writeInt32(4, pieces.size());
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
        if (!removeExtraWhitespaces) {
            specOut.writeBool(4, false);
        }
        specOut.flush();
        out.writeByteArray(3, spec.toByteArray());
        out.writeByteArray(4, new byte[] {10, 2, 'h', 'i'});
        out.flush();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes.toByteArray());
    }
}
