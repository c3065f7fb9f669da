package dev.palo.model.base;

import dev.palo.model.tokenizer.TextTokenizer;
import dev.palo.model.train.TrainingDataset;
import dev.palo.model.train.TrainingSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain text for next-token pretraining, each line as {@code <s> line </s>} with every token supervised (the loss
 * shifts, so a sample's first token is never predicted). {@link #encode} makes one sample per line (for scoring
 * lines one by one); {@link #pack} fills samples of up to {@code maxLength} tokens with consecutive lines, as GPT-style
 * pretraining does, so a batch carries no padding. Lines longer than {@code maxLength} tokens are cut there; blank
 * lines are skipped.
 */
public final class TextLinesDataset implements TrainingDataset {
    private final List<long[]> samples;

    private TextLinesDataset(List<long[]> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the pretraining text has no non-blank line");
        }
        this.samples = samples;
    }

    public static TextLinesDataset encode(TextTokenizer tokenizer, List<String> lines, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("max length must leave room for <s> and one token, got " + maxLength);
        }
        List<long[]> samples = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            long[] ids = tokenizer.encode(line, true);
            long[] withEos = Arrays.copyOf(ids, ids.length + 1);
            withEos[ids.length] = tokenizer.eosId();
            samples.add(withEos.length > maxLength ? Arrays.copyOf(withEos, maxLength) : withEos);
        }
        return new TextLinesDataset(samples);
    }

    /** Consecutive lines packed into samples of at most {@code maxLength} tokens; a line is never split. */
    public static TextLinesDataset pack(TextTokenizer tokenizer, List<String> lines, int maxLength) {
        List<long[]> packs = new ArrayList<>();
        long[] current = new long[0];
        for (long[] line : encode(tokenizer, lines, maxLength).samples) {
            if (current.length + line.length > maxLength) {
                packs.add(current);
                current = new long[0];
            }
            long[] grown = Arrays.copyOf(current, current.length + line.length);
            System.arraycopy(line, 0, grown, current.length, line.length);
            current = grown;
        }
        packs.add(current);
        return new TextLinesDataset(packs);
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public TrainingSample get(int index) {
        long[] ids = samples.get(index);
        return new TrainingSample(ids, ids, null);
    }

    /** Tokens in one pass over the data, {@code <s>} and {@code </s>} included. */
    public long tokens() {
        return samples.stream().mapToLong(s -> s.length).sum();
    }
}
