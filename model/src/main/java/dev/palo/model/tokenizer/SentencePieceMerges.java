package dev.palo.model.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BPE merges of a SentencePiece BPE model, which stores none: SentencePiece merges by piece score, so every split
 * of a piece into two pieces of the vocabulary is a merge of that piece's score. The order is the one transformers'
 * slow-to-fast conversion gives them (its {@code generate_merges} with scores), so a converted {@code tokenizer.json}
 * merges exactly as {@code LlamaTokenizerFast} does: a piece's splits by the vocabulary ids of their left, then right
 * halves; then all merges by score, then left length, then right length, each descending, ties kept in piece order.
 * Lengths and split points count code points, as Python's strings do.
 */
public final class SentencePieceMerges {
    private SentencePieceMerges() {
    }

    private record Merge(String left, String right, float score) {
    }

    /** The merges as {@code [left, right]} pairs; {@code vocab} maps each piece to its id, {@code scores} is by id. */
    public static List<String[]> of(LinkedHashMap<String, Integer> vocab, float[] scores) {
        List<Merge> merges = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : vocab.entrySet()) {
            String piece = entry.getKey();
            float score = scores[entry.getValue()];
            List<Merge> splits = new ArrayList<>();
            int length = piece.codePointCount(0, piece.length());
            for (int at = 1; at < length; at++) {
                int offset = piece.offsetByCodePoints(0, at);
                String left = piece.substring(0, offset);
                String right = piece.substring(offset);
                if (vocab.containsKey(left) && vocab.containsKey(right)) {
                    splits.add(new Merge(left, right, score));
                }
            }
            splits.sort(Comparator.<Merge>comparingInt(m -> vocab.get(m.left))
                    .thenComparingInt(m -> vocab.get(m.right)));
            merges.addAll(splits);
        }
        // List.sort is stable, as Python's sorted(reverse=True) is: equal keys keep their order
        merges.sort(Comparator.<Merge, Float>comparing(Merge::score, SentencePieceMerges::compareScores)
                .thenComparingInt(m -> codePoints(m.left)).thenComparingInt(m -> codePoints(m.right)).reversed());
        List<String[]> pairs = new ArrayList<>(merges.size());
        merges.forEach(m -> pairs.add(new String[] {m.left, m.right}));
        return pairs;
    }

    /** Python's float order: -0.0 equals 0.0 (Float.compare would order them). */
    private static int compareScores(Float a, Float b) {
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
