package dev.palo.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link PaloModel} under a stage policy: per optimizer step, {@code accumulationSteps}
 * micro-batches are forwarded and back-propagated inside one GradientCollector (each loss divided by
 * the number of micro-batches, as HF's Trainer does), then gradients are checked (a non-finite global
 * norm skips the update and is counted), clipped to {@code max_grad_norm}, and AdamW applies the
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
        Autograd.offForThisThread();
        // dropout draws from the engine RNG: seeding it per step makes a resumed run draw the same masks
        Engine.getInstance().setRandomSeed(Long.hashCode(config.seed() * 1_000_003L + step));
        try (NDManager stepManager = manager.newSubManager()) {
            double loss = 0;
            long tokens = 0;
            List<List<TrainingSample>> microBatches = MicroBatches.split(
                    order.next(config.globalBatchSize()).stream().map(data::get).toList(), config.microBatchSize());
            int accumulation = microBatches.size();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                for (List<TrainingSample> samples : microBatches) {
                    try (NDManager microManager = stepManager.newSubManager()) {
                        Batch batch = collate(samples, microManager);
                        ForwardResult out = model.forward(new ParameterStore(microManager, false), batch.inputIds(),
                                batch.labels(), batch.attentionMask(), batch.images(), true);
                        NDArray microLoss = MaskedCrossEntropy.compute(out.logits(), out.labels()).value();
                        if (batch.images() != null || textReachesTrainableParameters) {
                            collector.backward(microLoss.div(microManager.create((float) accumulation)));
                        }
                        loss += microLoss.getFloat() / accumulation;
                        tokens += batch.tokens();
                    }
                }
            }
            return update(stepManager, loss, tokens);
        }
    }

    private StepResult update(NDManager stepManager, double loss, long tokens) {
        Gradients gradients = new Gradients(groups, stepManager);
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
        optimizer.close();
        manager.close();
    }
}
