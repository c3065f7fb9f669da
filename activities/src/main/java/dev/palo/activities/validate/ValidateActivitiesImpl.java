package dev.palo.activities.validate;

import dev.palo.workflows.progress.StageWork;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StagedImages;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.validate.LlavaValidator;
import dev.palo.data.validate.RejectReason;
import dev.palo.data.validate.ValidationConfig;
import dev.palo.data.validate.ValidationListener;
import dev.palo.data.validate.ValidationResult;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.validate.ValidateActivities;
import dev.palo.workflows.validate.ValidateRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validate stage: runs {@link LlavaValidator} over the English source and stores the accepted
 * records ({@code accepted.json}, the stage output) and the quarantined ones with their reasons
 * ({@code quarantine.jsonl}, also an artifact of the stage's tracking run), then the manifest, last.
 * With an image prefix, the images that text-valid records reference are then fetched into the
 * work folder and a second pass runs the validator's image checks too; validation itself is local
 * and simply redone by a retry before the manifest.
 */
public final class ValidateActivitiesImpl implements ValidateActivities {
    /** Bump when the output for the same inputs and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "1";
    static final String ACCEPTED = "accepted.json";
    static final String QUARANTINE = "quarantine.jsonl";
    static final String QUARANTINE_ARTIFACT = "reports/" + QUARANTINE;
    private static final String JSON_TYPE = "application/json";
    private static final String JSON_LINES_TYPE = "application/x-ndjson";
    private static final int HEARTBEAT_RECORDS = 1_000;

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;

    /** {@code workRoot} holds each attempt's source copy, images and outputs until they are uploaded. */
    public ValidateActivitiesImpl(ObjectStore store, Tracker tracker, Path workRoot) {
        this.store = store;
        this.stage = new StageTemplate(store, workRoot);
        this.tracker = tracker;
    }

    @Override
    public StageResult validate(ValidateRequest request) {
        if (request.runId() == null || request.source() == null || request.trackingRunId() == null) {
            throw StageErrors.invalid("validation needs runId, source and trackingRunId, got " + request);
        }
        ActivityExecutionContext context = Activity.getExecutionContext();
        StageLocation location = locate(request);
        return StageErrors.standard().run(() -> stage.run(location, "validate-", work -> {
            Path source = work.resolve("source.json");
            store.download(request.source(), source);
            // the source's record count (set by the upload) is the bar's total; unknown (0) leaves a count only
            Long total = StageWork.knownTotal(request.source().recordCount());
            context.heartbeat(new StageWork(null, 0, total, "records", Map.of("quarantined", 0L)));
            ValidationListener heartbeat = new ValidationListener() {
                @Override
                public void progress(long records, long bytesRead) {
                    judged(records, 0, bytesRead);
                }

                @Override
                public void judged(long records, long quarantined, long bytesRead) {
                    if (records % HEARTBEAT_RECORDS == 0) {
                        context.heartbeat(new StageWork(null, records, total, "records",
                                Map.of("quarantined", quarantined)));
                    }
                }
            };
            Path accepted = work.resolve(ACCEPTED);
            Path quarantine = work.resolve(QUARANTINE);
            ValidationResult result = validateLocal(request, null, source, accepted, quarantine, heartbeat);
            Optional<StagedImages> images = Optional.empty();
            if (request.imagePrefix() != null) {
                // the text-valid records name the images to fetch; a second pass then checks those too
                images = Optional.of(StagedImages.fetch(store, request.imagePrefix(), referencedImages(accepted),
                        work.resolve("images")));
                result = validateLocal(request, images.get().root(), source, accepted, quarantine, heartbeat);
            }
            return store(request, location, result, images, accepted, quarantine);
        }));
    }

    /**
     * Runs the validator over the local copy of the source. Its I/O errors are the file's own faults
     * (not a JSON array, say): reading it again cannot help, so they are not retried.
     */
    private static ValidationResult validateLocal(ValidateRequest request, Path imageRoot, Path source, Path accepted,
                                                  Path quarantine, ValidationListener listener) {
        try {
            return new LlavaValidator(ValidationConfig.defaults(imageRoot)).validate(source, accepted, quarantine,
                    listener);
        } catch (IOException e) {
            throw StageErrors.invalid(request.source().uri() + " cannot be read as LLaVA JSON: " + e.getMessage());
        }
    }

    /** Uploads both outputs and the quarantine artifact; a manifest to commit only when a record is accepted. */
    private Manifest store(ValidateRequest request, StageLocation location, ValidationResult result,
                              Optional<StagedImages> images, Path accepted, Path quarantine) throws IOException {
        ArtifactRef acceptedRef = store.put(location.key(ACCEPTED), accepted, JSON_TYPE, result.accepted());
        ArtifactRef quarantineRef = store.put(location.key(QUARANTINE), quarantine, JSON_LINES_TYPE,
                result.rejectedTotal());
        tracker.uploadArtifact(request.trackingRunId(), QUARANTINE_ARTIFACT, Files.readAllBytes(quarantine),
                JSON_LINES_TYPE);
        Map<String, Double> metrics = metrics(result, images);
        if (!result.fileProblems().isEmpty()) {
            tracker.setTag(request.trackingRunId(), "palo.validate.fileProblems",
                    String.join("; ", result.fileProblems()));
        }
        if (result.accepted() == 0) {
            // no manifest: the stage failed, but its run still shows why
            for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                tracker.logMetric(request.trackingRunId(), metric.getKey(), metric.getValue(), 0);
            }
            throw StageErrors.invalid("no record of " + request.source().uri() + " passed validation ("
                    + result.records() + " read, all quarantined): see " + quarantineRef.uri());
        }
        return new Manifest(STAGE, LANGUAGE, request.runId(), location.cacheKey(), CODE_VERSION, request.source(),
                acceptedRef, false, metrics);
    }

    /** {@code records}, {@code accepted}, {@code quarantine.<reason>} for every reason, and the image figures. */
    private static Map<String, Double> metrics(ValidationResult result, Optional<StagedImages> images) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("records", (double) result.records());
        metrics.put("accepted", (double) result.accepted());
        metrics.put("quarantined", (double) result.rejectedTotal());
        for (RejectReason reason : RejectReason.values()) {
            metrics.put("quarantine." + reason.code(), (double) result.rejected(reason));
        }
        metrics.put("file.problems", (double) result.fileProblems().size());
        // zero checked says the image checks were skipped: the spec named no image prefix
        metrics.put("images.checked", (double) images.map(StagedImages::referenced).orElse(0));
        metrics.put("images.found", (double) images.map(StagedImages::found).orElse(0));
        return metrics;
    }

    /** The source's digest with the image prefix and record size limit: whatever changes the split. */
    /** The distinct images the records of {@code textValid} name: the validator checks no other. */
    private static Set<String> referencedImages(Path textValid) throws IOException {
        Set<String> images = new LinkedHashSet<>();
        try (LlavaJsonReader reader = LlavaJsonReader.open(textValid)) {
            reader.stream().filter(LlavaRecord::hasImage).forEach(record -> images.add(record.image()));
        }
        return images;
    }

    private static StageLocation locate(ValidateRequest request) {
        String config = "imagePrefix=" + request.imagePrefix() + "\nmaxRecordBytes="
                + ValidationConfig.DEFAULT_MAX_RECORD_BYTES;
        return new StageLocation(request.runId(), STAGE, LANGUAGE,
                CacheKey.of(STAGE, CODE_VERSION, LANGUAGE, request.source().sha256(), config));
    }
}
