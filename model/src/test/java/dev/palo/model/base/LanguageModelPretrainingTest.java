package dev.palo.model.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.train.StepResult;
import dev.palo.model.train.TinyModels;
import dev.palo.model.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelPretrainingTest {
    static final LmRecipe RECIPE = new LmRecipe(300, 1e-2, 8, 3, 64, 4, 5);

    @TempDir
    Path dir;

    NDManager manager;
    HuggingFaceTextTokenizer tokenizer;
    TextLinesDataset corpus;
    LmConfig lm;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        List<String> lines = TinyBaseData.corpus(40, 1);
        Path file = dir.resolve("tokenizer.json");
        LlamaTokenizerJson.write(new BpeTrainer(RECIPE.vocabSize()).train(lines), file);
        tokenizer = HuggingFaceTextTokenizer.load(file);
        corpus = TextLinesDataset.encode(tokenizer, lines, RECIPE.maxLength());
        lm = TinyBaseData.ARCHITECTURE.withVocabSize(tokenizer.vocabSize()).textConfig();
    }

    @AfterEach
    void tearDown() {
        tokenizer.close();
        manager.close();
    }

    @Test
    void lossFallsOverTraining() {
        List<StepResult> steps = new ArrayList<>();
        try (PaloModel ignored = train("run", recorder(steps, Integer.MAX_VALUE))) {
            assertEquals(RECIPE.trainingConfig().totalSteps(corpus.size()), steps.size());
            steps.forEach(s -> assertFalse(s.skipped(), "step " + s.step() + " had a non-finite gradient"));
            double first = steps.get(0).loss();
            double last = steps.get(steps.size() - 1).loss();
            assertTrue(last < first * 0.7, "loss should fall clearly: first " + first + ", last " + last);
        }
    }

    @Test
    void twoRunsGiveTheSameWeights() {
        try (PaloModel a = train("a", BaseModelListener.NONE); PaloModel b = train("b", BaseModelListener.NONE)) {
            assertSameWeights(TinyModels.snapshot(a.namedParameters()), TinyModels.snapshot(b.namedParameters()));
        }
    }

    @Test
    void aRunStoppedAfterACheckpointResumesToTheUndisturbedWeights() {
        int stopAfter = RECIPE.checkpointEvery() + 1;
        List<StepResult> firstAttempt = new ArrayList<>();
        assertThrows(Crash.class, () -> train("resumed", recorder(firstAttempt, stopAfter)).close());
        List<StepResult> secondAttempt = new ArrayList<>();
        try (PaloModel undisturbed = train("undisturbed", BaseModelListener.NONE);
                PaloModel resumed = train("resumed", recorder(secondAttempt, Integer.MAX_VALUE))) {
            assertEquals(RECIPE.checkpointEvery(), secondAttempt.get(0).step(), "resumes after the last checkpoint");
            assertSameWeights(TinyModels.snapshot(undisturbed.namedParameters()),
                    TinyModels.snapshot(resumed.namedParameters()));
        }
    }

    private PaloModel train(String run, BaseModelListener listener) {
        return LanguageModelPretraining.train(manager, lm, 3, RECIPE, corpus, tokenizer.padId(), dir.resolve(run),
                listener);
    }

    private static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> assertTrue(java.util.Arrays.equals(values, actual.get(name)),
                name + " differs"));
    }

    /** Records steps and crashes (like a killed worker) once {@code stopAfter} steps ran in this attempt. */
    private static BaseModelListener recorder(List<StepResult> steps, int stopAfter) {
        return new BaseModelListener() {
            @Override
            public void lmStep(StepResult result) {
                steps.add(result);
                if (steps.size() == stopAfter) {
                    throw new Crash();
                }
            }

            @Override
            public void lmCheckpointed(Path dir, TrainingState state) {
                assertTrue(state.step() % RECIPE.checkpointEvery() == 0 || state.step() == state.totalSteps(),
                        "checkpoint at step " + state.step());
            }
        };
    }

    private static final class Crash extends RuntimeException {
    }
}
