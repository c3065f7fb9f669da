package dev.palo.model.translator;

import dev.palo.model.Constants;
import dev.palo.model.train.TrainingDataset;
import dev.palo.model.train.TrainingSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Tokenized pairs for the trainer: the prompt unsupervised, the target and its eos supervised. */
final class TranslationSamples implements TrainingDataset {
    private final List<TrainingSample> samples;

    TranslationSamples(List<TranslationPair> pairs, TranslatorTokenizer tokenizer, TranslatorConfig limits) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no translation pairs to train on");
        }
        samples = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            TranslationPair pair = pairs.get(i);
            long[] prompt = tokenizer.prompt(pair.language(), pair.source());
            long[] target = tokenizer.target(pair.target());
            if (prompt.length > limits.maxPromptTokens() || target.length > limits.maxTargetTokens()) {
                throw new IllegalArgumentException("translation pair " + i + " (" + pair.language() + ") has a prompt of "
                        + prompt.length + " tokens and a target of " + target.length + " tokens; the translator accepts at most "
                        + limits.maxPromptTokens() + " (max_prompt_tokens) and " + limits.maxTargetTokens()
                        + " (max_target_tokens): '" + pair.source() + "'");
            }
            long[] ids = Arrays.copyOf(prompt, prompt.length + target.length);
            System.arraycopy(target, 0, ids, prompt.length, target.length);
            long[] labels = ids.clone();
            Arrays.fill(labels, 0, prompt.length, Constants.IGNORE_INDEX);
            samples.add(new TrainingSample(ids, labels, null));
        }
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public TrainingSample get(int index) {
        return samples.get(index);
    }
}
