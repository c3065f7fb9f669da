package dev.palo.activities.basemodel;

import dev.palo.activities.storage.LocalFolders;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.model.base.BaseModelListener;
import dev.palo.model.base.BaseModelTraining;
import dev.palo.model.base.VisionStep;
import dev.palo.model.train.StepResult;
import dev.palo.model.train.TrainingState;
import dev.palo.workflows.ArtifactRef;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Makes base-model training durable: per step, metrics to the tracking run and a heartbeat; the trained vision
 * tower and every LM checkpoint stored as StoredDirectories under the stage's location and named in the heartbeat
 * details, which a retry {@link #restore}s into its work folder.
 */
final class DurableProgress implements BaseModelListener {
    private static final String CHECKPOINTS = "checkpoints/";

    private final StoredDirectory directories;
    private final Tracker tracker;
    private final StageLocation location;
    private final String trackingRunId;
    private final ActivityExecutionContext context;
    private BaseModelProgress progress;
    private long lastStepNanos = System.nanoTime();

    DurableProgress(StoredDirectory directories, Tracker tracker, StageLocation location, String trackingRunId,
            ActivityExecutionContext context, BaseModelProgress from) {
        this.directories = directories;
        this.tracker = tracker;
        this.location = location;
        this.trackingRunId = trackingRunId;
        this.context = context;
        this.progress = from;
    }

    /** Copies what earlier attempts stored into {@code work}, where {@link BaseModelTraining} looks for it. */
    void restore(Path work) throws IOException {
        if (progress.vision() != null) {
            copy(directories.download(progress.vision()), work.resolve(BaseModelTraining.VISION_DIR));
        }
        if (progress.lm() != null) {
            copy(directories.download(progress.lm()), work.resolve(BaseModelTraining.LM_DIR));
        }
    }

    void heartbeat() {
        context.heartbeat(progress);
    }

    @Override
    public void visionStep(VisionStep step) {
        int at = step.step() + 1;
        metric("vision_loss", step.loss(), at);
        metric("vision_learning_rate", step.learningRate(), at);
        metric("vision_grad_norm", step.gradNorm(), at);
        metric("vision_images_per_second", step.images() / secondsSinceLastStep(), at);
        heartbeat();
    }

    @Override
    public void visionTrained(Path dir) {
        progress = progress.withVision(store(dir, CHECKPOINTS + "vision/"));
        heartbeat();
    }

    @Override
    public void lmStep(StepResult result) {
        int at = result.step() + 1;
        metric("loss", result.loss(), at);
        metric("learning_rate", result.learningRate(), at);
        metric("grad_norm", result.gradNorm(), at);
        metric("tokens_per_second", result.tokens() / secondsSinceLastStep(), at);
        progress = progress.atStep(at);
        heartbeat();
    }

    @Override
    public void lmCheckpointed(Path dir, TrainingState state) {
        progress = progress.withLm(store(dir, CHECKPOINTS + String.format("lm-step-%06d/", state.step())),
                state.step());
        heartbeat();
    }

    private ArtifactRef store(Path dir, String name) {
        try {
            return directories.upload(location.key(name), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + name + " of the base-model stage", e);
        }
    }

    private void metric(String key, double value, long step) {
        try {
            tracker.logMetric(trackingRunId, key, value, step);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot log " + key + " to tracking run " + trackingRunId, e);
        }
    }

    private double secondsSinceLastStep() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastStepNanos) / 1e9);
        lastStepNanos = now;
        return seconds;
    }

    private static void copy(Path from, Path to) throws IOException {
        LocalFolders.delete(to);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
