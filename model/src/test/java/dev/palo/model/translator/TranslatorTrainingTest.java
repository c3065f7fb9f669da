package dev.palo.model.translator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step-wise training: exact resume for base training and LoRA tuning; tuning that fixes a systematic error and whose
 * merged result saves and loads like a base translator.
 */
@ExtendWith(TrainedTinyTranslator.class)
class TranslatorTrainingTest {
    @TempDir
    Path dir;

    @Test
    void resumedBaseTrainingGivesBitIdenticalWeights() throws IOException {
        TranslatorConfig config = TinyCorpus.config(2);
        List<TranslationPair> pairs = TinyCorpus.pairs();
        byte[] straight = weights(TranslatorTraining.start(config, pairs), null, dir.resolve("straight"));
        byte[] resumed = weights(TranslatorTraining.start(config, pairs),
                state -> TranslatorTraining.resume(config, pairs, state), dir.resolve("resumed"));
        assertArrayEquals(straight, resumed);
    }

    @Test
    void resumedTuningGivesBitIdenticalWeights(LocalTranslator base) throws IOException {
        TranslatorTuningConfig tuning = tuning(1e-2, 2, 4);
        List<TranslationPair> corrections = TinyCorpus.french();
        byte[] straight = weights(TranslatorTraining.tune(base, tuning, corrections), null, dir.resolve("straight"));
        byte[] resumed = weights(TranslatorTraining.tune(base, tuning, corrections),
                state -> TranslatorTraining.resumeTuning(base, tuning, corrections, state), dir.resolve("resumed"));
        assertArrayEquals(straight, resumed);
    }

    @Test
    void tuningOnCorrectionsFixesTheBaseTranslatorsErrorAndLeavesTheBaseAlone(LocalTranslator base) {
        List<TranslationPair> corrections = TinyCorpus.french();
        List<String> sources = corrections.stream().map(TranslationPair::source).toList();
        List<String> gold = corrections.stream().map(TranslationPair::target).toList();
        List<String> before = base.translate(sources, "fr");
        // at 1e-2 for 30 epochs, whether the tiny translator converged depended on the dropout draws
        TranslatorTuningConfig tuning = tuning(5e-3, 60, 6);
        try (TranslatorTraining training = TranslatorTraining.tune(base, tuning, corrections)) {
            while (!training.finished()) {
                training.step();
            }
            try (LocalTranslator tuned = training.result()) {
                List<String> after = tuned.translate(sources, "fr");
                assertTrue(matches(after, gold) > matches(before, gold) + sources.size() / 2,
                        "tuned " + after + " vs base " + before);
                assertTrue(tuned.metadata().tuning() != null && base.metadata().tuning() == null);
                tuned.save(dir.resolve("tuned"));
                try (LocalTranslator loaded = LocalTranslator.load(dir.resolve("tuned"))) {
                    assertEquals(tuned.metadata(), loaded.metadata());
                    assertEquals(after, loaded.translate(sources, "fr"));
                }
            }
        }
        assertEquals(before, base.translate(sources, "fr"));
    }

    @Test
    void resultIsRefusedBeforeTheLastStep() {
        try (TranslatorTraining training = TranslatorTraining.start(TinyCorpus.config(1), TinyCorpus.pairs())) {
            training.step();
            IllegalStateException e = assertThrows(IllegalStateException.class, training::result);
            assertTrue(e.getMessage().contains("1 of " + training.totalSteps()), e.getMessage());
        }
    }

    @Test
    void refusesPairsLongerThanTheLimits() {
        TranslatorConfig config = TinyCorpus.config(1);
        List<TranslationPair> pairs = List.of(new TranslationPair("fr", "one red circle.", "un cercle rouge. ".repeat(60)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TranslatorTraining.start(config, pairs));
        assertTrue(e.getMessage().contains("max_target_tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TranslationPair("fr", " ", "x"));
        assertThrows(IllegalArgumentException.class, () -> new TranslationPair("FR", "a", "b"));
    }

    /**
     * Runs a training to its end and returns the saved model bytes; with {@code resume}, the run is broken after
     * half its steps: state saved, training closed, and the rest done by the resumed training.
     */
    private static byte[] weights(TranslatorTraining training, Function<Path, TranslatorTraining> resume, Path out)
            throws IOException {
        TranslatorTraining current = training;
        int breakAt = resume == null ? -1 : training.totalSteps() / 2;
        assertTrue(resume == null || breakAt > 0, "the run needs at least two steps to be broken");
        try {
            while (!current.finished()) {
                if (current.stepsDone() == breakAt) {
                    current.saveState(out.resolve("state"));
                    current.close();
                    current = resume.apply(out.resolve("state"));
                    breakAt = -1;
                }
                current.step();
            }
            try (LocalTranslator result = current.result()) {
                result.save(out.resolve("model"));
            }
        } finally {
            current.close();
        }
        return Files.readAllBytes(out.resolve("model").resolve("model.safetensors"));
    }

    private static long matches(List<String> translations, List<String> gold) {
        int count = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).equals(translations.get(i))) {
                count++;
            }
        }
        return count;
    }

    /** The translator tune's LoRA shape (r 16, alpha 32, dropout 0.05) at a test's learning rate, epochs and batch. */
    private static TranslatorTuningConfig tuning(double learningRate, double epochs, int batchSize) {
        return new TranslatorTuningConfig(new dev.palo.model.lora.LoraConfig(16, 32, 0.05f), learningRate, epochs,
                batchSize, TranslatorTuningConfig.WARMUP_RATIO, 42);
    }
}
