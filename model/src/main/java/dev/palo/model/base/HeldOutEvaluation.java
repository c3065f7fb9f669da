package dev.palo.model.base;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.palo.model.multimodal.ForwardResult;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.TextTokenizer;
import dev.palo.model.train.Batch;
import dev.palo.model.train.MaskedCrossEntropy;
import dev.palo.model.train.TrainingSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores a language model on held-out lines per language, the way it was trained (one line per sample). */
public final class HeldOutEvaluation {
    private static final int BATCH = 32;

    private HeldOutEvaluation() {
    }

    /** {@link HeldOutLoss} per language, in the order of {@code linesByLanguage}. */
    public static Map<String, HeldOutLoss> evaluate(PaloModel model, TextTokenizer tokenizer,
            Map<String, List<String>> linesByLanguage, int maxLength) {
        Map<String, HeldOutLoss> result = new LinkedHashMap<>();
        linesByLanguage.forEach((language, lines) -> {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("no held-out lines for language '" + language + "'");
            }
            TextLinesDataset data = TextLinesDataset.encode(tokenizer, lines, maxLength);
            double nats = 0;
            long tokens = 0;
            for (int start = 0; start < data.size(); start += BATCH) {
                List<TrainingSample> samples = java.util.stream.IntStream
                        .range(start, Math.min(data.size(), start + BATCH)).mapToObj(data::get).toList();
                try (NDManager step = NDManager.newBaseManager()) {
                    Batch batch = Batch.collate(samples, tokenizer.padId(), 0, 0, step);
                    ForwardResult out = model.forward(new ParameterStore(step, false), batch.inputIds(), batch.labels(),
                            batch.attentionMask(), null, false);
                    MaskedCrossEntropy.Loss loss = MaskedCrossEntropy.compute(out.logits(), out.labels());
                    nats += loss.value().getFloat() * loss.supervisedTokens();
                    tokens += loss.supervisedTokens();
                }
            }
            long characters = lines.stream().filter(l -> !l.isBlank()).mapToLong(l -> l.codePointCount(0, l.length()))
                    .sum();
            result.put(language, HeldOutLoss.of(data.size(), tokens, characters, nats));
        });
        return result;
    }
}
