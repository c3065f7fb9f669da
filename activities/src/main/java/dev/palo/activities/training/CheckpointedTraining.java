package dev.palo.activities.training;

import dev.palo.activities.storage.LocalFolders;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.worker.WorkerShutdown;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.train.StepResult;
import dev.palo.model.train.Trainer;
import dev.palo.model.train.TrainingConfig;
import dev.palo.model.train.TrainingDataset;
import dev.palo.workflows.ArtifactRef;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of both training stages, made durable: it starts from the checkpoint named in
 * the attempt's heartbeat details, or a later one found in the store (model/'s Trainer restores
 * weights, optimizer moments, schedule and data position exactly), heartbeats every step, and every
 * {@code checkpointEvery} steps stores the whole training state as a StoredDirectory under the
 * stage's location and heartbeats its index.
 * A killed attempt thus redoes at most one checkpoint interval, and the final weights are those of
 * an undisturbed run. A stopping worker ({@link WorkerShutdown}) checkpoints at its next step and hands the
 * stage back, so it redoes nothing. Loss, learning rate, gradient norm and throughput go to the tracking run with
 * their step, every {@link #LOG_EVERY} steps.
 *
 * <p>One run at a time per worker process: DJL's PyTorch engine allows a single gradient collector
 * per process (a second one throws), and on a worker's few cores a second run would only halve the
 * speed of the first. A run waiting for its turn keeps heartbeating through its pump.
 */
final class CheckpointedTraining {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointedTraining.class);
    static final String CHECKPOINTS = "checkpoints/";
    /** StoredDirectory's index key for the folder {@code checkpoints/step-NNNNNN/}. */
    private static final Pattern CHECKPOINT_INDEX = Pattern.compile("/step-(\\d{6})\\.directory\\.json$");
    private static final ReentrantLock ONE_RUN_PER_PROCESS = new ReentrantLock(true);
    /** Steps per tracking point (HF's {@code logging_steps}); the last step is always logged. */
    static final int LOG_EVERY = 5;
    /** Metric holding the number of optimizer steps the stage's schedule runs. */
    static final String TOTAL_STEPS = TrainingMetrics.TOTAL_STEPS;

    private final ObjectStore store;
    private final StoredDirectory directories;
    private final Tracker tracker;

    CheckpointedTraining(ObjectStore store, StoredDirectory directories, Tracker tracker) {
        this.store = store;
        this.directories = directories;
        this.tracker = tracker;
    }

    /**
     * Trains {@code model} to the end of the schedule, starting from the checkpoint of
     * {@code heartbeats}' current progress (the attempt's heartbeat details) and reporting each step
     * to it; {@code work} holds checkpoints while they upload.
     */
    TrainingOutcome run(PaloModel model, TrainingConfig config, TrainingDataset data, long padId,
                               int checkpointEvery, StageLocation location, String trackingRunId,
                               HeartbeatPump heartbeats, Path work) throws IOException {
        try {
            ONE_RUN_PER_PROCESS.lockInterruptibly(); // the pump heartbeats while this attempt waits
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another training run to finish", e);
        }
        try {
            return train(model, config, data, padId, checkpointEvery, location, trackingRunId, heartbeats, work);
        } finally {
            ONE_RUN_PER_PROCESS.unlock();
        }
    }

    private TrainingOutcome train(PaloModel model, TrainingConfig config, TrainingDataset data, long padId,
                                  int checkpointEvery, StageLocation location, String trackingRunId,
                                  HeartbeatPump heartbeats, Path work) throws IOException {
        TrainingProgress progress = latest(heartbeats.current(), location);
        try (Trainer trainer = progress.checkpoint() == null ? new Trainer(model, config, data, padId)
                : Trainer.resume(model, config, data, padId, directories.download(progress.checkpoint()))) {
            int resumedFrom = trainer.state().step();
            int checkpoints = 0;
            long tokens = 0;
            double loss = Double.NaN;
            long start = System.nanoTime();
            MetricWindow window = new MetricWindow();
            // the schedule's length, so a dashboard can show steps done of steps to do and an ETA
            tracker.logMetric(trackingRunId, TOTAL_STEPS, config.totalSteps(data.size()), 0);
            while (!trainer.finished()) {
                if (WorkerShutdown.requested()) {
                    throw handBack(trainer, progress, location, work, heartbeats);
                }
                long stepStart = System.nanoTime();
                StepResult result = trainer.step();
                double seconds = (System.nanoTime() - stepStart) / 1e9;
                int step = result.step() + 1;
                tokens += result.tokens();
                loss = result.loss();
                window.add(result, seconds);
                if (step % LOG_EVERY == 0 || trainer.finished()) {
                    window.logTo(tracker, trackingRunId, step, result.learningRate());
                }
                if (step % checkpointEvery == 0 && !trainer.finished()) {
                    progress = new TrainingProgress(step, checkpoint(trainer, step, location, work));
                    checkpoints++;
                } else {
                    progress = new TrainingProgress(step, progress.checkpoint());
                }
                heartbeats.update(progress);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new TrainingOutcome(trainer.state().step(), resumedFrom, trainer.skippedSteps(), checkpoints, loss,
                    seconds > 0 ? tokens / seconds : 0);
        }
    }

    /**
     * This worker is stopping: stores a checkpoint of the steps done since the last one, heartbeats it, and
     * returns the retryable failure that gives the stage back to the server, which retries it on another worker
     * (from this checkpoint) after the policy's first retry interval rather than after a heartbeat timeout.
     */
    private ApplicationFailure handBack(Trainer trainer, TrainingProgress progress, StageLocation location, Path work,
                                        HeartbeatPump heartbeats) throws IOException {
        int step = trainer.state().step();
        int checkpointed = progress.checkpoint() == null ? 0 : checkpointStep(progress.checkpoint().uri());
        if (step > checkpointed) {
            progress = new TrainingProgress(step, checkpoint(trainer, step, location, work));
            heartbeats.update(progress);
        }
        LOG.info("worker stopping: {} checkpointed at step {}, handed back to resume on another worker",
                location.stage() + "/" + location.language(), progress.step());
        return ApplicationFailure.newFailure("the worker is stopping; training resumes from the checkpoint at step "
                + progress.step(), WorkerShutdown.FAILURE_TYPE);
    }

    /**
     * The later of the heartbeated checkpoint and the last one stored under the location: a
     * checkpoint written just before the worker died may not have been heartbeated yet (the SDK
     * throttles heartbeats), and its index, written last, proves it complete.
     */
    private TrainingProgress latest(TrainingProgress heartbeated, StageLocation location) throws IOException {
        TrainingProgress latest = heartbeated;
        int latestStep = heartbeated.checkpoint() == null ? 0 : checkpointStep(heartbeated.checkpoint().uri());
        for (String key : store.list(location.key(CHECKPOINTS))) {
            int step = checkpointStep(key);
            if (step > latestStep) {
                Optional<ArtifactRef> index = store.stat(key);
                if (index.isPresent()) {
                    latest = new TrainingProgress(step, index.get());
                    latestStep = step;
                }
            }
        }
        return latest;
    }

    /** The step in a checkpoint index's key or uri, or -1 for any other object. */
    private static int checkpointStep(String keyOrUri) {
        Matcher name = CHECKPOINT_INDEX.matcher(keyOrUri);
        return name.find() ? Integer.parseInt(name.group(1)) : -1;
    }

    private ArtifactRef checkpoint(Trainer trainer, int step, StageLocation location, Path work) throws IOException {
        Path dir = work.resolve("checkpoint-" + step);
        trainer.saveState(dir);
        try {
            return directories.upload(location.key(CHECKPOINTS + String.format("step-%06d/", step)), dir);
        } finally {
            LocalFolders.delete(dir);
        }
    }
}
