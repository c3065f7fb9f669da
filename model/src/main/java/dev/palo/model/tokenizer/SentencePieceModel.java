package dev.palo.model.tokenizer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a SentencePiece {@code tokenizer.model} (its {@code ModelProto} message) a conversion to a Hugging Face
 * tokenizer reads: the pieces with their scores and types, the trainer's algorithm, byte fallback and unknown token,
 * and the normaliser's settings. No generated SentencePiece classes are published on Maven Central, so the few fields
 * are read from the protobuf wire format by number, as {@code sentencepiece_model.proto} declares them; every other
 * field is skipped. Absent fields take that schema's (proto2) defaults.
 */
public record SentencePieceModel(List<Piece> pieces, int modelType, boolean byteFallback, int unkId, String unkPiece,
                                 String normalizerName, boolean precompiledCharsmap, boolean addDummyPrefix,
                                 boolean removeExtraWhitespaces) {
    /** {@code TrainerSpec.ModelType}. */
    public static final int UNIGRAM = 1;
    public static final int BPE = 2;
    /** {@code SentencePiece.Type}. */
    public static final int NORMAL = 1;
    public static final int UNKNOWN = 2;
    public static final int CONTROL = 3;
    public static final int USER_DEFINED = 4;
    public static final int BYTE = 6;
    /** Wire types: a tag is {@code field << 3 | wire type}. */
    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int FIXED32 = WireFormat.WIRETYPE_FIXED32;
    private static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    /** One vocabulary entry; its id is its position. */
    public record Piece(String piece, float score, int type) {
    }

    public SentencePieceModel {
        pieces = List.copyOf(pieces);
    }

    /** The algorithm's name as SentencePiece's trainer spells it ({@code --model_type}). */
    public String modelTypeName() {
        return switch (modelType) {
            case UNIGRAM -> "unigram";
            case BPE -> "bpe";
            case 3 -> "word";
            case 4 -> "char";
            default -> "type " + modelType;
        };
    }

    public static SentencePieceModel read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + " is not a SentencePiece model (a ModelProto message): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static SentencePieceModel parse(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Piece> pieces = new ArrayList<>();
        Trainer trainer = new Trainer();
        Normalizer normalizer = new Normalizer();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LEN -> pieces.add(message(in, SentencePieceModel::piece));
                case 2 << 3 | LEN -> trainer = message(in, SentencePieceModel::trainer);
                case 3 << 3 | LEN -> normalizer = message(in, SentencePieceModel::normalizer);
                default -> in.skipField(tag);
            }
        }
        if (pieces.isEmpty()) {
            throw new InvalidProtocolBufferException("it holds no pieces");
        }
        return new SentencePieceModel(pieces, trainer.modelType, trainer.byteFallback, trainer.unkId, trainer.unkPiece,
                normalizer.name, normalizer.precompiledCharsmap, normalizer.addDummyPrefix,
                normalizer.removeExtraWhitespaces);
    }

    /** A reader of one message's fields, up to the limit its length set. */
    private interface MessageReader<T> {
        T read(CodedInputStream in) throws IOException;
    }

    /** Reads one length-delimited sub-message with {@code reader}. */
    private static <T> T message(CodedInputStream in, MessageReader<T> reader) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        T result = reader.read(in);
        in.popLimit(limit);
        return result;
    }

    private static Piece piece(CodedInputStream in) throws IOException {
        String piece = "";
        float score = 0f;
        int type = NORMAL;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LEN -> piece = in.readString();
                case 2 << 3 | FIXED32 -> score = in.readFloat();
                case 3 << 3 | VARINT -> type = in.readEnum();
                default -> in.skipField(tag);
            }
        }
        return new Piece(piece, score, type);
    }

    /** {@code TrainerSpec}: model_type 3, byte_fallback 35, unk_id 40, unk_piece 45. */
    private static final class Trainer {
        int modelType = UNIGRAM;
        boolean byteFallback;
        int unkId;
        String unkPiece = SpecialTokens.UNK;
    }

    private static Trainer trainer(CodedInputStream in) throws IOException {
        Trainer trainer = new Trainer();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 3 << 3 | VARINT -> trainer.modelType = in.readEnum();
                case 35 << 3 | VARINT -> trainer.byteFallback = in.readBool();
                case 40 << 3 | VARINT -> trainer.unkId = in.readInt32();
                case 45 << 3 | LEN -> trainer.unkPiece = in.readString();
                default -> in.skipField(tag);
            }
        }
        return trainer;
    }

    /** {@code NormalizerSpec}: name 1, precompiled_charsmap 2, add_dummy_prefix 3, remove_extra_whitespaces 4. */
    private static final class Normalizer {
        String name = "";
        boolean precompiledCharsmap;
        boolean addDummyPrefix = true;
        boolean removeExtraWhitespaces = true;
    }

    private static Normalizer normalizer(CodedInputStream in) throws IOException {
        Normalizer normalizer = new Normalizer();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LEN -> normalizer.name = in.readString();
                case 2 << 3 | LEN ->
                        normalizer.precompiledCharsmap = !in.readBytes().isEmpty();
                case 3 << 3 | VARINT -> normalizer.addDummyPrefix = in.readBool();
                case 4 << 3 | VARINT -> normalizer.removeExtraWhitespaces = in.readBool();
                default -> in.skipField(tag);
            }
        }
        return normalizer;
    }
}
