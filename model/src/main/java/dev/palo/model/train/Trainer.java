package dev.palo.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.NamedTensors;
import dev.palo.model.checkpoint.SafetensorsReader;
import dev.palo.model.checkpoint.SafetensorsWriter;
import dev.palo.model.multimodal.ForwardResult;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.nn.Autograd;
import dev.palo.model.nn.DropoutMasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Trains a {@link PaloModel} under a stage policy: per optimizer step, {@code accumulationSteps}
 * micro-batches are forwarded and back-propagated (each loss divided by the number of micro-batches, as
 * HF's Trainer does; with more than one, every other micro-batch runs in a second thread on a
 * {@link GradientReplica} and its gradients are added to the others'), then gradients are checked (a
 * non-finite global norm skips the update and is counted), clipped to {@code max_grad_norm}, and AdamW applies the
 * cosine-scheduled learning rate. All step temporaries live in a sub-manager closed after the step.
 * A skipped step still advances the step count, schedule and data position: its samples are consumed.
 */
public final class Trainer implements AutoCloseable {
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    public static final String STATE_FILE = "trainer_state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PaloModel model;
    private final TrainingConfig config;
    private final TrainingDataset data;
    private final long padId;
    private final NDManager manager;
    private final List<ParameterGroup> groups;
    private final AdamW optimizer;
    private final CosineSchedule schedule;
    /**
     * False when only projector parameters train: a micro-batch without images then has no path to
     * them and backward would fail (DJL reports requiresGradient false on every non-leaf array, so
     * the loss cannot be asked).
     */
    private final boolean textReachesTrainableParameters;
    private DataOrder order;
    /** Created at the first step with more than one micro-batch (after a resume has loaded the weights). */
    private GradientReplica replica;
    private int step;
    private int skippedSteps;

    /**
     * Applies the stage policy to the model (enabling LoRA from the config first if the model has
     * none) and starts at step 0.
     */
    public Trainer(PaloModel model, TrainingConfig config, TrainingDataset data, long padId) {
        Autograd.offForThisThread(); // resume and the optimizer write parameters in place
        this.model = model;
        this.config = config;
        this.data = data;
        this.padId = padId;
        if (config.lora() != null && model.config().loraConfig() == null) {
            model.enableLora(config.lora());
        }
        this.manager = NDManager.newBaseManager();
        this.groups = StagePolicy.load(config.stage()).apply(model.namedParameters());
        this.textReachesTrainableParameters = groups.stream().flatMap(g -> g.parameters().keySet().stream())
                .anyMatch(name -> !ModelCheckpoint.isProjectorTensor(name));
        this.optimizer = new AdamW(manager, groups, config.adamBeta1(), config.adamBeta2(), config.adamEpsilon());
        this.schedule = CosineSchedule.withWarmupRatio(config.totalSteps(data.size()), config.warmupRatio());
        this.order = new DataOrder(data.size(), config.seed(), 0, 0);
    }

    /** Continues a run saved by {@link #saveState}: weights, moments, step, schedule and data position. */
    public static Trainer resume(PaloModel model, TrainingConfig config, TrainingDataset data, long padId, Path dir) {
        Trainer trainer = new Trainer(model, config, data, padId);
        try {
            TrainingState state = JSON.readValue(dir.resolve(STATE_FILE).toFile(), TrainingState.class);
            if (!state.stage().equals(config.stage()) || state.seed() != config.seed()
                    || state.totalSteps() != trainer.schedule.totalSteps()) {
                throw new IllegalArgumentException("training state in " + dir + " (stage " + state.stage() + ", seed "
                        + state.seed() + ", " + state.totalSteps() + " steps) does not belong to this run (stage "
                        + config.stage() + ", seed " + config.seed() + ", " + trainer.schedule.totalSteps() + " steps)");
            }
            try (NDManager scratch = NDManager.newBaseManager()) {
                Path weights = dir.resolve(ModelCheckpoint.MODEL);
                NamedTensors.copyIntoParameters(model.namedParameters(), SafetensorsReader.read(weights, scratch),
                        weights.toString());
                Path moments = dir.resolve(OPTIMIZER_FILE);
                NamedTensors.copyInto(trainer.optimizer.moments(), SafetensorsReader.read(moments, scratch), moments.toString());
            }
            trainer.optimizer.restoreUpdates(state.optimizerUpdates());
            trainer.step = state.step();
            trainer.skippedSteps = state.skippedSteps();
            trainer.order = new DataOrder(data.size(), config.seed(), state.epoch(), state.indexInEpoch());
            return trainer;
        } catch (IOException e) {
            trainer.close();
            throw new UncheckedIOException("cannot read training state in " + dir, e);
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    /** Writes the model (config.json + model.safetensors), optimizer moments and trainer_state.json. */
    public void saveState(Path dir) {
        ModelCheckpoint.saveModel(model, dir);
        SafetensorsWriter.write(dir.resolve(OPTIMIZER_FILE), optimizer.moments(), Map.of());
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(STATE_FILE).toFile(), state());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training state in " + dir, e);
        }
    }

    public TrainingState state() {
        return new TrainingState(config.stage(), config.seed(), step, schedule.totalSteps(), optimizer.updates(),
                skippedSteps, order.epoch(), order.index());
    }

    public boolean finished() {
        return step >= schedule.totalSteps();
    }

    public List<ParameterGroup> groups() {
        return groups;
    }

    /** One optimizer step over one global batch, never beside another model's step ({@link TrainingStepLock}). */
    public StepResult step() {
        if (finished()) {
            throw new IllegalStateException("training already finished after " + step + " steps");
        }
        return TrainingStepLock.run(this::lockedStep);
    }

    private StepResult lockedStep() {
        try (NDManager stepManager = manager.newSubManager()) {
            List<List<TrainingSample>> microBatches = MicroBatches.split(
                    order.next(config.globalBatchSize()).stream().map(data::get).toList(), config.microBatchSize());
            // sorted by length, every other micro-batch gives both threads similar work
            int stride = microBatches.size() > 1 ? 2 : 1;
            Future<Accumulated> second = null;
            if (stride == 2) {
                if (replica == null) {
                    replica = new GradientReplica(model, config.stage());
                }
                PaloModel copy = replica.model();
                second = replica.submit(() -> accumulate(copy, microBatches, 1, stride));
            }
            Accumulated first;
            try {
                first = accumulate(model, microBatches, 0, stride);
            } catch (RuntimeException e) {
                if (second != null) { // the other thread still uses the step's parameters: let it finish first
                    try {
                        second.get();
                    } catch (Exception alsoFailed) {
                        e.addSuppressed(alsoFailed);
                    }
                }
                throw e;
            }
            Gradients gradients = new Gradients(groups, stepManager);
            Accumulated all = first;
            if (second != null) {
                all = first.plus(await(second));
                replica.addGradientsTo(gradients, stepManager);
            }
            StepResult result = update(gradients, stepManager, all.loss(), all.tokens());
            if (replica != null) {
                replica.copyTrainableFrom(groups);
            }
            return result;
        }
    }

    /**
     * Forward and backward of micro-batches first, first + stride, ... on {@code target}, each loss divided by the
     * number of micro-batches. Dropout masks come from a seed of the step and micro-batch, so a resumed run, on
     * either thread, draws the same masks.
     */
    private Accumulated accumulate(PaloModel target, List<List<TrainingSample>> microBatches, int first, int stride) {
        Autograd.offForThisThread(); // the replica's thread starts with it on; the update after runs with it off
        int accumulation = microBatches.size();
        double loss = 0;
        long tokens = 0;
        for (int m = first; m < microBatches.size(); m += stride) {
            try (NDManager microManager = NDManager.newBaseManager()) {
                Batch batch = collate(microBatches.get(m), microManager);
                DropoutMasks.seedForThisThread((config.seed() * 1_000_003L + step) * 7_919 + m);
                NDArray[] losses = Autograd.recordingForThisThread(() -> {
                    ForwardResult out = target.forward(new ParameterStore(microManager, false), batch.inputIds(),
                            batch.labels(), batch.attentionMask(), batch.images(), true);
                    NDArray microLoss = MaskedCrossEntropy.compute(out.logits(), out.labels()).value();
                    return new NDArray[] {microLoss, microLoss.div(microManager.create((float) accumulation))};
                });
                if (batch.images() != null || textReachesTrainableParameters) {
                    Autograd.backward(losses[1]);
                }
                loss += losses[0].getFloat() / accumulation;
                tokens += batch.tokens();
            }
        }
        return new Accumulated(loss, tokens);
    }

    private static Accumulated await(Future<Accumulated> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the replica's micro-batches ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the replica's micro-batches failed", e.getCause());
        }
    }

    private record Accumulated(double loss, long tokens) {
        Accumulated plus(Accumulated other) {
            return new Accumulated(loss + other.loss, tokens + other.tokens);
        }
    }

    private StepResult update(Gradients gradients, NDManager stepManager, double loss, long tokens) {
        double norm = gradients.globalNorm();
        double lr = config.learningRate() * schedule.factor(step);
        boolean skipped = !Double.isFinite(norm);
        if (skipped) {
            skippedSteps++;
        } else {
            gradients.clip(norm, config.maxGradNorm(), stepManager);
            optimizer.step(groups, gradients.byName(), lr, stepManager);
        }
        gradients.zero();
        return new StepResult(step++, loss, lr, norm, skipped, tokens);
    }

    private Batch collate(List<TrainingSample> samples, NDManager microManager) {
        for (TrainingSample sample : samples) {
            if (sample.inputIds().length > config.modelMaxLength()) {
                throw new IllegalArgumentException("a training sample has " + sample.inputIds().length
                        + " tokens, more than model_max_length " + config.modelMaxLength()
                        + " (truncate it with the conversation template)");
            }
        }
        PaloConfig architecture = model.config();
        int channels = architecture.isMultimodal() ? architecture.visionConfig().numChannels() : 0;
        int size = architecture.isMultimodal() ? architecture.visionConfig().imageSize() : 0;
        return Batch.collate(samples, padId, channels, size, microManager);
    }

    public int skippedSteps() {
        return skippedSteps;
    }

    @Override
    public void close() {
        if (replica != null) {
            replica.close();
        }
        optimizer.close();
        manager.close();
    }
}
