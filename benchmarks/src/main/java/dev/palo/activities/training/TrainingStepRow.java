package dev.palo.activities.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.BenchFigure;
import dev.palo.benchmarks.bench.BenchRow;
import dev.palo.benchmarks.bench.Measure;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.benchmarks.bench.Repeats;
import dev.palo.benchmarks.bench.Target;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.train.MicroBatches;
import dev.palo.model.train.ParameterGroup;
import dev.palo.model.train.Trainer;
import dev.palo.model.train.TrainingConfig;
import dev.palo.model.train.TrainingDataset;
import dev.palo.model.train.TrainingSample;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code training-step}: one optimizer step of the fine-tune stage's recipe on the {@code mini} preset
 * ({@code finetune-lora}: LoRA of {@link LoraSettings#mini()}'s rank on every decoder linear, the projector at a
 * tenth of the lr, AdamW, cosine schedule with warmup, clipping at 1.0; {@link TrainingSettings#finetuneMini()}'s
 * batch of 16) by our {@link Trainer}, against the same network in PyTorch eager
 * ({@code benchmarks/python/training_step_anchor.py}, from the model venv) loaded from our checkpoint through
 * {@code LlavaExport}, with our initial adapters, on the same collated micro-batches. Before their times are
 * compared, the first step's loss must agree within {@value #LOSS_TOLERANCE} (the adapters' B starts at zero, so the
 * dropout masks, drawn by each side's own RNG, cannot change it).
 * <p>
 * Two layouts of the batch of 16: one micro-batch with {@code OMP_NUM_THREADS} intra-op threads on each side; and the
 * stage's own 4 × 4 micro-batches, which our trainer runs on two Java threads (every other micro-batch on a replica)
 * with {@code OMP_NUM_THREADS} intra-op threads each, against PyTorch accumulating them in turn, as HF's Trainer does,
 * with twice as many threads: the same cores on both sides.
 */
public final class TrainingStepRow implements BenchRow {
    static final double LOSS_TOLERANCE = 1e-4;
    private static final int SAMPLES = TrainingSettings.finetuneMini().globalBatchSize();
    /** 40, 43, … 85 text tokens (mean 62.5: the demo's fine-tune samples average ~62) + 16 image tokens. */
    private static final int SHORTEST = 40;
    private static final int STRIDE = 3;

    @Override
    public List<BenchFigure> measure(BenchContext context) throws Exception {
        TrainingConfig recipe = recipe();
        int threads = intraOpThreads(context.env());
        List<Layout> layouts = List.of(new Layout(recipe.globalBatchSize(), threads, threads),
                new Layout(recipe.microBatchSize(), threads, 2 * threads));
        String missing = !Files.isExecutable(context.modelPython()) ? "the model venv (" + context.modelPython()
                + ": torch, transformers, peft) is not installed"
                : threads < 1 ? "OMP_NUM_THREADS is not set to a number, so our side's intra-op threads are unknown"
                + " (./palo sets it)" : null;
        if (missing != null) {
            return layouts.stream().map(layout -> BenchFigure.notMeasured(layout.figure(SAMPLES), target(), missing))
                    .toList();
        }
        Path dir = context.scratch("training-step");
        try {
            TrainingStepInputs.Exported exported = TrainingStepInputs.export(dir);
            PaloConfig architecture = ModelCheckpoint.readConfig(exported.bundle());
            List<TrainingSample> samples = TrainingStepInputs.samples(SAMPLES, SHORTEST, STRIDE,
                    architecture.visionConfig(), 17);
            int steps = context.quick() ? 2 : 5;
            List<BenchFigure> figures = new ArrayList<>();
            for (Layout layout : layouts) {
                TrainingConfig config = recipe.withBatch(SAMPLES, layout.microBatch())
                        .withEpochs((context.warmUps() + context.repeats()) * steps);
                figures.add(compare(context, exported, samples, config, steps, layout, dir));
            }
            return figures;
        } finally {
            BenchContext.deleteTree(dir);
        }
    }

    /** The fine-tune stage's recipe for {@code mini}, as its activity scales it. */
    static TrainingConfig recipe() {
        LoraSettings lora = LoraSettings.mini();
        return TrainingRecipes.scaled(TrainingConfig.finetuneLora(), TrainingSettings.finetuneMini(),
                new LoraConfig(lora.r(), lora.alpha(), lora.dropout()));
    }

    private static BenchFigure compare(BenchContext context, TrainingStepInputs.Exported exported,
                                       List<TrainingSample> samples, TrainingConfig config, int steps, Layout layout,
                                       Path dir) throws Exception {
        Path batches = dir.resolve("batches-" + layout.microBatch() + ".safetensors");
        PaloConfig architecture = ModelCheckpoint.readConfig(exported.bundle());
        TrainingStepInputs.writeBatches(MicroBatches.split(samples, config.microBatchSize()),
                architecture.visionConfig(), batches);
        Path adapters = dir.resolve("adapters-" + layout.microBatch());
        Side ours = ours(context, exported.bundle(), config, samples, steps, adapters);
        JsonNode anchor = PythonAnchor.run(context.modelPython(), context.script("training_step_anchor.py"),
                anchorArguments(context, exported, config, ours, adapters, batches, steps, layout.anchorThreads()));
        double oursLoss = ours.losses().get(0);
        double theirLoss = anchor.path("losses").path(0).asDouble(Double.NaN);
        String losses = String.format(Locale.ROOT, "first-step loss ours %.6f, PyTorch %.6f (|Δ| %.2g, tolerance"
                + " %.0e)", oursLoss, theirLoss, Math.abs(oursLoss - theirLoss), LOSS_TOLERANCE);
        if (!(Math.abs(oursLoss - theirLoss) <= LOSS_TOLERANCE)) {
            return BenchFigure.notMeasured(layout.figure(samples.size()), target(), "the losses differ, so the step"
                    + " times are not compared: " + losses);
        }
        List<Double> theirs = new ArrayList<>();
        anchor.path("seconds").forEach(s -> theirs.add(s.asDouble()));
        Measure oursTime = Measure.of(ours.secondsPerStep(), "s/step", "our Trainer, " + layout.ours()
                + ", median of " + steps + "-step repeats");
        Measure anchorTime = Measure.of(theirs, "s/step", "PyTorch " + anchor.path("torch").asText() + " eager, "
                + anchor.path("threads").asInt() + " thread(s), transformers LlamaForCausalLM + PEFT LoRA + "
                + "CLIPVisionModel + the LDP projector, loaded from our checkpoint's export");
        return BenchFigure.measured(layout.figure(samples.size()), oursTime, anchorTime,
                oursTime.value() / anchorTime.value(), target(), "ratio: our step time over PyTorch's; " + losses
                        + "; " + samples.size() + " samples of " + SHORTEST + "–" + (SHORTEST + STRIDE
                        * (samples.size() - 1)) + " text tokens + the image's tokens, vocabulary "
                        + TrainingStepInputs.VOCAB);
    }

    /** Our side: the trainer's steps from the checkpoint, its initial adapters saved first for the anchor. */
    static Side ours(BenchContext context, Path bundle, TrainingConfig config, List<TrainingSample> samples, int steps,
                     Path adapters) throws Exception {
        List<Double> losses = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = ModelCheckpoint.loadModel(manager, bundle);
             Trainer trainer = new Trainer(model, config, TrainingDataset.of(samples), TrainingStepInputs.PAD_ID)) {
            ModelCheckpoint.saveAdapters(model, adapters);
            List<Double> seconds = Repeats.of(context, index -> {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    losses.add(trainer.step().loss());
                }
                return Repeats.secondsSince(start) / steps;
            });
            List<String> groups = new ArrayList<>();
            for (ParameterGroup group : trainer.groups()) {
                groups.add(group.name() + "=" + group.lrScale() + ":" + group.weightDecay());
            }
            return new Side(losses, seconds, groups);
        }
    }

    /** The anchor's command-line arguments: the same recipe, schedule, weights, batches and repeats. */
    static List<String> anchorArguments(BenchContext context, TrainingStepInputs.Exported exported,
                                        TrainingConfig config, Side ours, Path adapters, Path batches, int steps,
                                        int threads) {
        PaloConfig architecture = ModelCheckpoint.readConfig(exported.bundle());
        List<String> arguments = new ArrayList<>(exported.anchorArguments());
        arguments.addAll(List.of("--adapters", adapters.resolve(ModelCheckpoint.ADAPTER).toString(),
                "--batches", batches.toString(), "--lr", Double.toString(config.learningRate()),
                "--betas", config.adamBeta1() + "," + config.adamBeta2(), "--eps", Float.toString(config.adamEpsilon()),
                "--max-grad-norm", Double.toString(config.maxGradNorm()),
                "--warmup-ratio", Double.toString(config.warmupRatio()),
                "--total-steps", Integer.toString(config.totalSteps(config.globalBatchSize())),
                "--lora-r", Integer.toString(config.lora().r()),
                "--lora-alpha", Float.toString(config.lora().loraAlpha()),
                "--lora-dropout", Float.toString(config.lora().loraDropout()),
                "--select-layer", Integer.toString(architecture.mmVisionSelectLayer()),
                "--steps", Integer.toString(steps), "--warm-ups", Integer.toString(context.warmUps()),
                "--repeats", Integer.toString(context.repeats()), "--threads", Integer.toString(threads),
                "--seed", Long.toString(config.seed())));
        for (String group : ours.groups()) {
            arguments.add("--group");
            arguments.add(group);
        }
        return arguments;
    }

    /** {@code OMP_NUM_THREADS}, which our engine's intra-op pool takes at start; -1 when unset or not a number. */
    static int intraOpThreads(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("OMP_NUM_THREADS", "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Target target() {
        return Target.atMost(1.1);
    }

    /**
     * Every step's loss (warm-ups included), the seconds per step of each timed repeat, and the trained parameter
     * groups as the anchor takes them ({@code NAME=LR_SCALE:WEIGHT_DECAY}).
     */
    record Side(List<Double> losses, List<Double> secondsPerStep, List<String> groups) {
    }

    /** How the batch is split and how many threads each side gets. */
    private record Layout(int microBatch, int intraOpThreads, int anchorThreads) {
        String figure(int samples) {
            return microBatch == samples
                    ? "training step, mini finetune-lora, batch " + samples + " in one micro-batch, " + intraOpThreads
                    + " intra-op thread(s) each side, vs PyTorch eager"
                    : "training step, mini finetune-lora, batch " + samples + " as " + samples / microBatch + " × "
                    + microBatch + " micro-batches, " + anchorThreads + " threads each side, vs PyTorch eager";
        }

        String ours() {
            return intraOpThreads + " intra-op thread(s)"
                    + (anchorThreads > intraOpThreads ? " on each of the trainer's two micro-batch threads" : "");
        }
    }
}
