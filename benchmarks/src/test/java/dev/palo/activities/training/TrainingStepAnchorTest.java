package dev.palo.activities.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.ModelVenvAnchors;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.train.MicroBatches;
import dev.palo.model.train.TrainingConfig;
import dev.palo.model.train.TrainingSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-step anchor ({@code benchmarks/python/training_step_anchor.py}) trains what our {@link
 * dev.palo.model.train.Trainer} trains: the mini preset from our checkpoint's export, our initial adapters, our
 * collated micro-batches (8 short samples as 2 × 4, so our second micro-batch thread and gradient accumulation take
 * part). Both sides' losses agree within the row's 1e-4 for three steps (seen here: 7.634921, 7.634921, 6.978117 on
 * both sides, |Δ| ≤ 7e-7): the first, which every bench run checks, and the steps after two AdamW updates (LoRA
 * dropout off on both sides here, so only the updates decide them; the first update has the warmup's learning rate
 * 0). Not timed: {@code ./palo bench} times them.
 * <p>
 * Needs the model venv: {@code ./palo test} (CI) installs it and passes {@code -Dpalo.export.python.required=true},
 * which makes its absence a failure; elsewhere the test is skipped and says why.
 */
class TrainingStepAnchorTest {
    @TempDir
    Path dir;

    @Test
    void theAnchorsLossesEqualOurTrainersOverThreeSteps() throws Exception {
        Path python = ModelVenvAnchors.python();
        BenchContext context = ModelVenvAnchors.context(python, dir.resolve("work"));
        TrainingStepInputs.Exported exported = TrainingStepInputs.export(dir);
        PaloConfig architecture = ModelCheckpoint.readConfig(exported.bundle());
        List<TrainingSample> samples = TrainingStepInputs.samples(8, 36, 2, architecture.visionConfig(), 5);
        TrainingConfig config = TrainingStepRow.recipe().withLora(new LoraConfig(16, 32, 0f)).withBatch(8, 4)
                .withEpochs(3);
        Path batches = dir.resolve("batches.safetensors");
        TrainingStepInputs.writeBatches(MicroBatches.split(samples, 4), architecture.visionConfig(), batches);
        Path adapters = dir.resolve("adapters");

        TrainingStepRow.Side ours = TrainingStepRow.ours(context, exported.bundle(), config, samples, 1, adapters);
        JsonNode anchor = PythonAnchor.run(python, context.script("training_step_anchor.py"),
                TrainingStepRow.anchorArguments(context, exported, config, ours, adapters, batches, 1, 1));

        System.out.println("training-step anchor check: losses ours " + ours.losses() + ", PyTorch "
                + anchor.path("losses"));
        assertEquals(3, ours.losses().size());
        assertEquals(3, anchor.path("losses").size(), anchor.toString());
        assertEquals(ours.losses().get(0), anchor.path("losses").path(0).asDouble(), TrainingStepRow.LOSS_TOLERANCE,
                "the first step's loss: same weights, same batch");
        for (int step = 1; step < 3; step++) {
            assertEquals(ours.losses().get(step), anchor.path("losses").path(step).asDouble(),
                    TrainingStepRow.LOSS_TOLERANCE, "step " + step + "'s loss, after the same updates: ours "
                            + ours.losses() + ", PyTorch " + anchor.path("losses"));
        }
        assertTrue(Math.abs(ours.losses().get(2) - ours.losses().get(0)) > 10 * TrainingStepRow.LOSS_TOLERANCE,
                "the second update moved the loss (else the later steps check nothing): " + ours.losses());
        assertEquals(1, anchor.path("threads").asInt());
    }

    @Test
    void ourIntraOpThreadsAreOmpNumThreadsOrUnknown() {
        assertEquals(1, TrainingStepRow.intraOpThreads(Map.of("OMP_NUM_THREADS", "1")));
        assertEquals(2, TrainingStepRow.intraOpThreads(Map.of("OMP_NUM_THREADS", " 2 ")));
        assertEquals(-1, TrainingStepRow.intraOpThreads(Map.of()));
        assertEquals(-1, TrainingStepRow.intraOpThreads(Map.of("OMP_NUM_THREADS", "two")));
    }
}
