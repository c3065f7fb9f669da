package dev.palo.model.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a Llama-style BPE on a corpus: every character of the corpus is a base symbol (full
 * coverage), 256 {@code <0xNN>} byte tokens catch characters never seen in training, and merges are
 * learned inside words that begin with the {@code ▁} marker, as SentencePiece does for Llama. Han, Hiragana and
 * Katakana characters never merge, as BERT keeps Chinese characters single: those scripts write no spaces, so on a
 * templated corpus whole sentences would otherwise become single tokens the model cannot compose.
 * Id layout: {@code <unk>}=0, {@code <s>}=1, {@code </s>}=2, {@code <pad>}=3, bytes 4..259, then
 * characters by frequency, then merged tokens.
 */
public final class BpeTrainer {

    /** SentencePiece's word-boundary marker that replaces spaces. */
    public static final String WORD_MARKER = "\u2581";
    private static final int BYTE_TOKENS = 256;
    private static final int MIN_PAIR_FREQUENCY = 2;

    private final int targetVocabSize;

    public BpeTrainer(int targetVocabSize) {
        if (targetVocabSize <= SpecialTokens.ALL.size() + BYTE_TOKENS) {
            throw new IllegalArgumentException("target vocab size " + targetVocabSize
                    + " leaves no room beyond the special and byte tokens (" + (SpecialTokens.ALL.size() + BYTE_TOKENS) + ")");
        }
        this.targetVocabSize = targetVocabSize;
    }

    /** The learned vocabulary (token → id, in id order) and merges (in rank order). */
    public record Result(LinkedHashMap<String, Integer> vocab, List<String[]> merges) {
    }

    public Result train(Iterable<String> corpus) {
        Map<String, Long> wordCounts = countWords(corpus);
        LinkedHashMap<String, Integer> vocab = baseVocabulary(wordCounts);
        if (vocab.size() > targetVocabSize) {
            throw new IllegalArgumentException("target vocab size " + targetVocabSize + " is smaller than the "
                    + vocab.size() + " special, byte and character tokens this corpus needs");
        }
        List<String> tokens = new ArrayList<>(vocab.keySet());
        List<int[]> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        wordCounts.forEach((word, count) -> {
            words.add(word.codePoints().map(cp -> vocab.get(new String(Character.toChars(cp)))).toArray());
            counts.add(count);
        });
        List<Boolean> unmergeable = new ArrayList<>(tokens.stream().map(BpeTrainer::isCjk).toList());
        List<String[]> merges = new ArrayList<>();
        while (vocab.size() < targetVocabSize) {
            long best = mostFrequentPair(words, counts, unmergeable);
            if (best < 0) {
                break;
            }
            int left = (int) (best >>> 32);
            int right = (int) best;
            String merged = tokens.get(left) + tokens.get(right);
            Integer mergedId = vocab.get(merged);
            if (mergedId == null) {
                mergedId = vocab.size();
                vocab.put(merged, mergedId);
                tokens.add(merged);
                unmergeable.add(false);
            }
            merges.add(new String[] {tokens.get(left), tokens.get(right)});
            for (int i = 0; i < words.size(); i++) {
                words.set(i, applyMerge(words.get(i), left, right, mergedId));
            }
        }
        return new Result(vocab, merges);
    }

    /** Normalises as the tokenizer.json normalizer does (prepend ▁, spaces → ▁) and splits before each ▁. */
    static Map<String, Long> countWords(Iterable<String> corpus) {
        Map<String, Long> counts = new TreeMap<>();
        for (String text : corpus) {
            String normalized = WORD_MARKER + text.replace(" ", WORD_MARKER);
            int start = 0;
            for (int i = 1; i <= normalized.length(); i++) {
                if (i == normalized.length() || normalized.startsWith(WORD_MARKER, i)) {
                    counts.merge(normalized.substring(start, i), 1L, Long::sum);
                    start = i;
                }
            }
        }
        return counts;
    }

    private static LinkedHashMap<String, Integer> baseVocabulary(Map<String, Long> wordCounts) {
        LinkedHashMap<String, Integer> vocab = new LinkedHashMap<>();
        SpecialTokens.ALL.forEach(token -> vocab.put(token, vocab.size()));
        for (int b = 0; b < BYTE_TOKENS; b++) {
            vocab.put(String.format("<0x%02X>", b), vocab.size());
        }
        Map<String, Long> characterCounts = new HashMap<>();
        wordCounts.forEach((word, count) -> word.codePoints().forEach(
                cp -> characterCounts.merge(new String(Character.toChars(cp)), count, Long::sum)));
        characterCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> vocab.putIfAbsent(e.getKey(), vocab.size()));
        return vocab;
    }

    private static boolean isCjk(String token) {
        return token.codePoints().mapToObj(Character.UnicodeScript::of).anyMatch(script -> script
                == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA);
    }

    /**
     * The most frequent adjacent pair of mergeable tokens packed as (left << 32 | right); ties go to the smallest ids;
     * -1 if none.
     */
    private static long mostFrequentPair(List<int[]> words, List<Long> counts, List<Boolean> unmergeable) {
        Map<Long, Long> pairCounts = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            int[] symbols = words.get(w);
            long count = counts.get(w);
            for (int i = 0; i + 1 < symbols.length; i++) {
                if (!unmergeable.get(symbols[i]) && !unmergeable.get(symbols[i + 1])) {
                    pairCounts.merge(((long) symbols[i] << 32) | symbols[i + 1], count, Long::sum);
                }
            }
        }
        return pairCounts.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_PAIR_FREQUENCY)
                .max(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse(-1L);
    }

    private static int[] applyMerge(int[] symbols, int left, int right, int merged) {
        int[] out = new int[symbols.length];
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = symbols[i];
            }
        }
        return n == symbols.length ? symbols : Arrays.copyOf(out, n);
    }
}
