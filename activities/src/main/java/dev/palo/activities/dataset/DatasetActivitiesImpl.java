package dev.palo.activities.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.dataset.LanguageSet;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dataset-build stage: streams the arm's sets from the store through {@link DatasetBuilder},
 * uploads each shard as it is finished, then writes {@code dataset.json} (shards, counts,
 * lineage) and the stage manifest, last. A retry after the manifest returns it; a retry before
 * redoes the (local, CPU-only) shuffle but keeps every shard an earlier attempt uploaded.
 */
public final class DatasetActivitiesImpl implements DatasetActivities {
    /** Bump when the output for the same inputs and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "1";
    static final String INDEX = "dataset.json";
    private static final String MEDIA_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;
    private final long bucketBytes;

    /** {@code workRoot} holds each attempt's bucket files and the shard being written. */
    public DatasetActivitiesImpl(ObjectStore store, Tracker tracker, Path workRoot) {
        this(store, tracker, workRoot, DatasetBuilder.DEFAULT_BUCKET_BYTES);
    }

    /** Smaller buckets let tests exercise the multi-bucket sort on small inputs. */
    DatasetActivitiesImpl(ObjectStore store, Tracker tracker, Path workRoot, long bucketBytes) {
        this.store = store;
        this.stage = new StageTemplate(store, workRoot);
        this.tracker = tracker;
        this.bucketBytes = bucketBytes;
    }

    @Override
    public StageResult build(DatasetBuildRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        List<LanguageSet> sets = validSets(request);
        return StageErrors.standard().llavaInputs().run(() -> {
            StageLocation location = locate(request, sets);
            return stage.run(location, "dataset-build-", work -> {
                StoredShards shards = new StoredShards(store, location);
                List<BuildInput> inputs = sets.stream().map(set -> new BuildInput(set.language(), set.data().uri(),
                        set.data().size(), set.data().recordCount(), () -> store.open(set.data()))).toList();
                BuildCounts counts = new DatasetBuilder(work, bucketBytes).build(inputs, request.config().seed(),
                        request.config().shardSize(), shards,
                        progress -> context.heartbeat(progress.work(request.arm().code(), request.config().shardSize())));
                if (counts.records() == 0) {
                    throw StageErrors.invalid("no record left for the " + request.arm().code() + " dataset: every "
                            + "input record is corrupt or a duplicate (" + counts.languages() + ")");
                }
                return manifest(request, sets, location, counts, shards);
            });
        });
    }

    /**
     * Every set's content and lineage digests, with the seed and shard size: whatever changes the
     * bytes or the recorded provenance. Bucket size does not change the bytes and is left out.
     */
    private static StageLocation locate(DatasetBuildRequest request, List<LanguageSet> sets) throws IOException {
        String inputs = sets.stream().map(set -> set.language() + "=" + set.data().sha256()
                        + set.lineage().stream().map(ArtifactRef::sha256).collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining("\n"));
        String arm = request.arm().code();
        return new StageLocation(request.runId(), STAGE, arm, CacheKey.of(STAGE, CODE_VERSION, arm, Sha256.of(inputs),
                JSON.writeValueAsString(request.config())));
    }

    private Manifest manifest(DatasetBuildRequest request, List<LanguageSet> sets, StageLocation location,
                              BuildCounts counts, StoredShards shards) throws IOException {
        DatasetIndex index = new DatasetIndex(request.arm().code(), request.config().seed(),
                request.config().shardSize(), counts.records(), shards.refs(), counts.languages(), counts.sources(),
                sets, CODE_VERSION);
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index);
        ArtifactRef ref = store.put(location.key(INDEX), json, MEDIA_TYPE, counts.records());
        tracker.uploadArtifact(request.trackingRunId(), "reports/" + INDEX, json, MEDIA_TYPE);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("records", (double) counts.records());
        // what the live progress counts ("n / total records read"), so a finished stage can be read the same way
        metrics.put("read", (double) counts.read());
        metrics.put("corrupt", (double) counts.corrupt());
        metrics.put("duplicates", (double) counts.duplicates());
        metrics.put("shards", (double) counts.shards());
        metrics.put("shards.reused", (double) shards.reused());
        counts.languages().forEach((language, c) -> {
            metrics.put("records." + language, (double) c.kept());
            metrics.put("corrupt." + language, (double) c.corrupt());
            metrics.put("duplicates." + language, (double) c.duplicates());
        });
        counts.sources().forEach((source, kept) -> metrics.put("source." + source, (double) kept));
        return new Manifest(STAGE, request.arm().code(), request.runId(), location.cacheKey(), CODE_VERSION,
                request.english().data(), ref, false, metrics);
    }

    /** The arm's sets, checked: nothing missing, each language once, the PALO arm with translations. */
    private static List<LanguageSet> validSets(DatasetBuildRequest request) {
        if (request.runId() == null || request.arm() == null || request.english() == null
                || request.config() == null) {
            throw StageErrors.invalid("dataset build needs runId, arm, english and config, got " + request);
        }
        if (request.arm() == DatasetArm.PALO && request.translations().isEmpty()) {
            throw StageErrors.invalid("the palo arm needs at least one translated set");
        }
        Set<String> languages = new HashSet<>();
        for (LanguageSet set : request.sets()) {
            if (set.language() == null || set.language().isBlank() || set.data() == null) {
                throw StageErrors.invalid("every dataset input needs a language code and data, got " + set);
            }
            if (!languages.add(set.language())) {
                throw StageErrors.invalid("language '" + set.language() + "' has more than one set in the dataset build");
            }
        }
        return request.sets();
    }
}
