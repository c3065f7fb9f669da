package dev.palo.activities.translation.tune;

import dev.palo.activities.stage.ScratchFolder;
import dev.palo.activities.storage.LocalFolders;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.training.BundleExports;
import dev.palo.activities.training.TrainingMetrics;
import dev.palo.activities.translation.base.TranslatorBundles;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.train.StepResult;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.model.translator.TranslationPair;
import dev.palo.model.translator.TranslatorTraining;
import dev.palo.model.translator.TranslatorTuningConfig;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.LocalTune;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneRequest;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * LoRA fine-tune of the local translator, made durable: every step is heartbeated, and every
 * {@code checkpointEvery} steps the whole training state is stored under the stage's location; a retry
 * resumes from the newest stored state, which the model library restores bit for bit, so the tuned
 * bundle is the same bytes as an undisturbed run's. Loss goes to the stage's tracking run per step.
 *
 * <p>One tune at a time per worker process: DJL's PyTorch engine allows one gradient collector per
 * process. A tune waiting for its turn keeps heartbeating.
 */
public final class LocalTuner implements TranslatorTuner {
    static final String CHECKPOINTS = "checkpoints/";
    private static final String STEP = "step-";
    private static final String INDEX_SUFFIX = ".directory.json";
    private static final ReentrantLock ONE_TUNE_PER_PROCESS = new ReentrantLock(true);

    private final ObjectStore store;
    private final Tracker tracker;
    private final StoredDirectory directories;
    private final TranslatorBundles bundles;
    private final Path workRoot;

    LocalTuner(ObjectStore store, Tracker tracker, Path workRoot) {
        this.store = store;
        this.tracker = tracker;
        this.directories = new StoredDirectory(store, workRoot.resolve("tune-checkpoints"));
        this.bundles = new TranslatorBundles(store, workRoot.resolve("translator-bundles"));
        this.workRoot = workRoot;
    }

    @Override
    public String identity(TuneRequest request) {
        LocalTune s = request.config().local();
        return "local\n" + request.base().weights().sha256() + "\nr=" + s.rank() + ";alpha=" + s.alpha() + ";dropout="
                + s.dropout() + ";lr=" + s.learningRate() + ";epochs=" + s.epochs() + ";batch=" + s.batchSize()
                + ";seed=" + s.seed();
    }

    @Override
    public TunedTranslator tune(TuneRequest request, StageLocation location, List<TranslationPair> pairs,
                                ActivityExecutionContext context) throws IOException {
        TuneCheckpoint from = newest(location);
        awaitTurn(context, from);
        try {
            try (ScratchFolder work = ScratchFolder.create(workRoot, "tune-")) {
                return train(request, location, pairs, context, from, work.path());
            }
        } finally {
            ONE_TUNE_PER_PROCESS.unlock();
        }
    }

    private TunedTranslator train(TuneRequest request, StageLocation location, List<TranslationPair> pairs,
                                  ActivityExecutionContext context, TuneCheckpoint from, Path work) throws IOException {
        LocalTune settings = request.config().local();
        TranslatorTuningConfig config = tuningConfig(settings);
        TuneCheckpoint progress = from;
        int checkpoints = 0;
        double loss = Double.NaN;
        try (LocalTranslator base = bundles.load(request.base().weights())) {
            try (TranslatorTraining training = from.checkpoint() == null ? TranslatorTraining.tune(base, config, pairs)
                    : TranslatorTraining.resumeTuning(base, config, pairs, directories.download(from.checkpoint()))) {
                int resumedFrom = training.stepsDone();
                tracker.logMetric(request.trackingRunId(), TrainingMetrics.TOTAL_STEPS, training.totalSteps(), 0);
                context.heartbeat(progress);
                while (!training.finished()) {
                    StepResult result = training.step();
                    int step = result.step() + 1;
                    loss = result.loss();
                    tracker.logMetric(request.trackingRunId(), "loss", loss, step);
                    if (step % settings.checkpointEvery() == 0 && !training.finished()) {
                        progress = new TuneCheckpoint(step, checkpoint(training, step, location, work));
                        checkpoints++;
                    } else {
                        progress = new TuneCheckpoint(step, progress.checkpoint());
                    }
                    context.heartbeat(progress);
                }
                try (LocalTranslator tuned = training.result()) {
                    ArtifactRef bundle = bundles.upload(location.key("bundle"), tuned, TuneActivities.STAGE, Map.of(),
                            new TranslatorBundles.Export(location.key(BundleExports.EXPORT),
                                    TuneActivities.STAGE + "-" + request.language().code(), tracker,
                                    request.trackingRunId()));
                    String name = request.base().model() + "-tuned-" + request.language().code();
                    return new TunedTranslator(TranslatorRef.local(name, bundle), Map.of(
                            "steps", (double) progress.step(), "resumedFromStep", (double) resumedFrom,
                            "checkpoints", (double) checkpoints, "loss", loss));
                }
            }
        }
    }

    /** The model library's tuning config for the stage's settings (warm-up as the library's default). */
    public static TranslatorTuningConfig tuningConfig(LocalTune settings) {
        return new TranslatorTuningConfig(new LoraConfig(settings.rank(), (float) settings.alpha(),
                (float) settings.dropout()), settings.learningRate(), settings.epochs(), settings.batchSize(),
                TranslatorTuningConfig.WARMUP_RATIO, settings.seed());
    }

    /**
     * The newest training state stored under the stage's location: every checkpoint's index is written after
     * its files, so a listed index is complete, including one whose heartbeat the dying worker never sent.
     */
    private TuneCheckpoint newest(StageLocation location) throws IOException {
        String prefix = location.key(CHECKPOINTS);
        List<String> indexes = store.list(prefix).stream()
                .filter(key -> key.endsWith(INDEX_SUFFIX) && key.indexOf('/', prefix.length()) < 0)
                .toList();
        if (indexes.isEmpty()) {
            return new TuneCheckpoint(0, null);
        }
        String newest = indexes.get(indexes.size() - 1);
        int step = Integer.parseInt(newest.substring((prefix + STEP).length(), newest.length() - INDEX_SUFFIX.length()));
        return new TuneCheckpoint(step, store.stat(newest).orElseThrow(
                () -> new IOException(newest + " was listed but is gone")));
    }

    private ArtifactRef checkpoint(TranslatorTraining training, int step, StageLocation location, Path work)
            throws IOException {
        Path dir = work.resolve("checkpoint-" + step);
        training.saveState(dir);
        try {
            return directories.upload(location.key(CHECKPOINTS + String.format(STEP + "%06d", step)), dir);
        } finally {
            LocalFolders.delete(dir);
        }
    }

    private static void awaitTurn(ActivityExecutionContext context, TuneCheckpoint from) {
        try {
            while (!ONE_TUNE_PER_PROCESS.tryLock(1, TimeUnit.SECONDS)) {
                context.heartbeat(from);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another tune to finish", e);
        }
    }
}
