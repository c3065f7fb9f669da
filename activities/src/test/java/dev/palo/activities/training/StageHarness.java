package dev.palo.activities.training;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.workflows.ArtifactRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One training activity in Temporal's test activity environment, single attempt, with the
 * heartbeats it sends recorded; {@link #resumeFrom} hands a heartbeat to the next attempt as the
 * server would on a retry.
 */
public final class StageHarness implements AutoCloseable {
    public final TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    public final List<TrainingProgress> heartbeats = new CopyOnWriteArrayList<>();

    public StageHarness(Object activity) {
        environment.registerActivitiesImplementations(activity);
        environment.setActivityHeartbeatListener(TrainingProgress.class, heartbeats::add);
    }

    public <T> T stub(Class<T> activities) {
        return environment.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    /** The stored index of the checkpoint after {@code step} under a stage's prefix. */
    public static ArtifactRef checkpoint(ObjectStore store, String stagePrefix, int step) throws IOException {
        return store.stat(checkpointKey(store, stagePrefix, step)).orElseThrow();
    }

    public static boolean checkpointStored(ObjectStore store, String stagePrefix, int step) throws IOException {
        return store.list(stagePrefix).stream().anyMatch(key -> key.endsWith(checkpointName(step)));
    }

    private static String checkpointKey(ObjectStore store, String stagePrefix, int step) throws IOException {
        return store.list(stagePrefix).stream().filter(key -> key.endsWith(checkpointName(step))).findFirst()
                .orElseThrow(() -> new AssertionError("no checkpoint after step " + step + " under " + stagePrefix));
    }

    private static String checkpointName(int step) {
        return String.format("/checkpoints/step-%06d.directory.json", step);
    }

    /** The next attempt starts with {@code progress} as its heartbeat details. */
    public void resumeFrom(TrainingProgress progress) {
        environment.setHeartbeatDetails(progress);
    }

    /** A tracking run the stage logs to. */
    public static String trackingRun(RecordingTracker tracker, String name) {
        return tracker.findOrCreateRun("palo", name, Map.of("name", name), null);
    }

    /** sha256 of one file of a stored bundle. */
    public static String fileSha256(ObjectStore store, ArtifactRef bundle, String file, Path cache) throws IOException {
        return Sha256.of(new StoredDirectory(store, cache).download(bundle).resolve(file));
    }

    @Override
    public void close() {
        environment.close();
    }
}
