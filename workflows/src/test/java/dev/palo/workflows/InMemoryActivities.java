package dev.palo.workflows;

import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.events.EventActivities;
import dev.palo.workflows.events.PaloEvent;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import dev.palo.workflows.registry.LanguageRegistryActivities;
import dev.palo.workflows.review.CorrectedPairsRequest;
import dev.palo.workflows.review.DecidedTask;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.review.ReviewSample;
import dev.palo.workflows.review.ReviewSampleRequest;
import dev.palo.workflows.review.ReviewTask;
import dev.palo.workflows.review.StoreDecisionRequest;
import dev.palo.workflows.tracking.TrackingActivities;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateRequest;
import dev.palo.workflows.validate.ValidateActivities;
import dev.palo.workflows.validate.ValidateRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** In-test activities: a small registry, stages that name their outputs, a call log. */
public final class InMemoryActivities implements LanguageRegistryActivities, TranslateActivities,
        PostEditActivities, ReviewActivities, DatasetActivities, TrackingActivities, ValidateActivities,
        EventActivities {
    /** A corrected turn with this text does not fit its task: storing it fails as the real store would. */
    public static final String UNFIT_TURN = "unfit";

    public static final Map<String, String> REGISTRY = Map.of("ar", "Arabic", "hi", "Hindi", "fr", "French");

    public final List<TranslateRequest> translateCalls = new CopyOnWriteArrayList<>();
    public final List<PostEditRequest> postEditCalls = new CopyOnWriteArrayList<>();
    /** Languages whose post-edit flags every record, as QA does when an endpoint echoes English. */
    public final Set<String> echoingLanguages = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public final List<String> trackingCalls = new CopyOnWriteArrayList<>();
    public final List<StoreDecisionRequest> storedDecisions = new CopyOnWriteArrayList<>();
    public final List<CorrectedPairsRequest> pairsCalls = new CopyOnWriteArrayList<>();
    public final List<ReviewSampleRequest> sampleCalls = new CopyOnWriteArrayList<>();
    public final List<DatasetBuildRequest> datasetCalls = new CopyOnWriteArrayList<>();
    public final List<ValidateRequest> validateCalls = new CopyOnWriteArrayList<>();
    /** Every publish, retries included, in the order the activity ran. */
    public final List<PaloEvent> published = new CopyOnWriteArrayList<>();
    /** Publish activities run, retries included: fewer than {@link #published} when events went in batches. */
    public final AtomicInteger publishCalls = new AtomicInteger();
    public final Map<String, Map<String, String>> trackingTags = new ConcurrentHashMap<>();
    /** Tracking closes ({@code finish <run>}, {@code end <run> <ok>}) and publishes ({@code event <id>}) in one order. */
    public final List<String> closesAndEvents = new CopyOnWriteArrayList<>();
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
    /** Holds the corrected-pairs build until counted down, keeping a closed review's workflow running. */
    public volatile CountDownLatch pairsGate = new CountDownLatch(0);
    private final Set<String> failingLanguages;

    public InMemoryActivities(Set<String> failingLanguages) {
        this.failingLanguages = failingLanguages;
    }

    @Override
    public List<TargetLanguage> resolveTargets(List<String> codes) {
        List<String> unknown = codes.stream().filter(c -> !REGISTRY.containsKey(c)).toList();
        if (!unknown.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "unknown language(s) " + unknown, FailureTypes.UNKNOWN_LANGUAGE);
        }
        return codes.stream().map(c -> new TargetLanguage(c, REGISTRY.get(c))).toList();
    }

    /** Accepts every record; a source with none fails as the real stage does when it accepts none. */
    @Override
    public StageResult validate(ValidateRequest request) {
        validateCalls.add(request);
        ArtifactRef accepted = outputOf(request.runId(), ValidateActivities.STAGE, LANGUAGE, request.source());
        if (accepted.recordCount() == 0) {
            throw ApplicationFailure.newNonRetryableFailure("no record of " + request.source().uri()
                    + " passed validation; see the quarantine next to " + accepted.uri(), FailureTypes.INVALID_INPUT);
        }
        return new StageResult(ValidateActivities.STAGE, LANGUAGE, accepted, accepted, false,
                Map.of("records", (double) request.source().recordCount(), "accepted", (double) accepted.recordCount()));
    }

    @Override
    public StageResult translate(TranslateRequest request) {
        translateCalls.add(request);
        String code = request.language().code();
        if (failingLanguages.contains(code)) {
            throw ApplicationFailure.newNonRetryableFailure("endpoint refused " + code, FailureTypes.INVALID_INPUT);
        }
        ArtifactRef output = outputOf(request.runId(), TranslateActivities.STAGE, code, request.source());
        return new StageResult(TranslateActivities.STAGE, code, output, output, false,
                Map.of("samples", (double) request.source().recordCount()));
    }

    @Override
    public StageResult postEdit(PostEditRequest request) {
        postEditCalls.add(request);
        String code = request.language().code();
        ArtifactRef output = outputOf(request.runId(), PostEditActivities.STAGE, code, request.translated());
        Map<String, Double> metrics = echoingLanguages.contains(code)
                ? Map.of("samples", 10.0, "corrupt", 10.0, "qa.wrong_language", 10.0) : Map.of("corrupt", 0.0);
        return new StageResult(PostEditActivities.STAGE, code, output, output, false, metrics);
    }

    /**
     * One task per record up to the sample size; every third flagged, listed first as the real sampler
     * does. The first call fixes the deadline; every call returns the decisions stored so far.
     */
    @Override
    public ReviewSample sample(ReviewSampleRequest request) {
        String code = request.language().code();
        int size = (int) Math.min(request.config().sampleSize(), request.postEdited().recordCount());
        List<ReviewTask> flagged = new ArrayList<>();
        List<ReviewTask> others = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ReviewTask task = new ReviewTask(String.format("%s-%05d", code, i), code, "record-" + i, i % 3 == 0);
            (task.flagged() ? flagged : others).add(task);
        }
        flagged.addAll(others);
        sampleCalls.add(request);
        long closesAt = deadlines.computeIfAbsent(request.runId() + "/" + code,
                review -> request.nowMillis() + request.config().deadline().toMillis());
        List<DecidedTask> decided = latestDecisions(request.runId(), code).values().stream()
                .map(d -> new DecidedTask(d.decision().taskId(), d.version(), d.decision().verdict())).toList();
        return new ReviewSample(outputOf(request.runId(), "review-sample", code, request.postEdited()), flagged,
                closesAt, decided);
    }

    @Override
    public ArtifactRef storeDecision(StoreDecisionRequest request) {
        if (request.decision().corrected().stream().anyMatch(turn -> turn.value().equals(UNFIT_TURN))) {
            throw ApplicationFailure.newNonRetryableFailure("corrected turns do not match task "
                    + request.decision().taskId(), FailureTypes.INVALID_INPUT);
        }
        storedDecisions.add(request);
        String uri = "s3://palo/runs/" + request.runId() + "/review/" + request.decision().language()
                + "/corrections/" + request.decision().taskId() + "/v" + request.version() + ".json";
        return new ArtifactRef(uri, Integer.toHexString(uri.hashCode()), 1, "application/json", 1);
    }

    /** Counts the latest stored decision of each task, as the real builder reads them back. */
    @Override
    public StageResult buildCorrectedPairs(CorrectedPairsRequest request) {
        pairsCalls.add(request);
        try {
            pairsGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held at the pairs gate", e);
        }
        String code = request.language().code();
        ArtifactRef output = outputOf(request.runId(), ReviewActivities.STAGE, code, request.postEdited());
        return new StageResult(ReviewActivities.STAGE, code, output, output, false, Map.of(
                "review.decided", (double) latestDecisions(request.runId(), code).size(),
                "review.quorumMet", request.quorumMet() ? 1.0 : 0.0));
    }

    /** The arm's index, counting the records of the sets the arm reads. */
    @Override
    public StageResult build(DatasetBuildRequest request) {
        datasetCalls.add(request);
        String arm = request.arm().code();
        String uri = "s3://palo/runs/" + request.runId() + "/" + DatasetActivities.STAGE + "/" + arm + "/dataset.json";
        long records = request.sets().stream().mapToLong(set -> set.data().recordCount()).sum();
        ArtifactRef index = new ArtifactRef(uri, Integer.toHexString(uri.hashCode()), 1, "application/json", records);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (LanguageSet set : request.sets()) {
            metrics.put("records." + set.language(), (double) set.data().recordCount());
        }
        return new StageResult(DatasetActivities.STAGE, arm, index, index, false, metrics);
    }

    private Map<String, StoreDecisionRequest> latestDecisions(String runId, String code) {
        Map<String, StoreDecisionRequest> latest = new LinkedHashMap<>();
        storedDecisions.stream()
                .filter(d -> d.runId().equals(runId) && d.decision().language().equals(code))
                .forEach(d -> latest.merge(d.decision().taskId(), d, (a, b) -> a.version() > b.version() ? a : b));
        return latest;
    }

    public static ArtifactRef outputOf(String runId, String stage, String language, ArtifactRef input) {
        String uri = "s3://palo/runs/" + runId + "/" + stage + "/" + language + "/data.json";
        return new ArtifactRef(uri, Integer.toHexString(uri.hashCode()), 1, "application/json", input.recordCount());
    }

    @Override
    public String startPipelineRun(String pipelineRunId, Map<String, String> params) {
        trackingCalls.add("pipeline " + pipelineRunId);
        return "mlflow-" + pipelineRunId;
    }

    @Override
    public String startStageRun(String parentTrackingRunId, String stage, String language) {
        trackingCalls.add("stage " + stage + " " + language);
        return parentTrackingRunId + "-" + stage + "-" + language;
    }

    @Override
    public void finishStageRun(String trackingRunId, StageResult result) {
        trackingCalls.add("finish " + trackingRunId);
        closesAndEvents.add("finish " + trackingRunId);
    }

    @Override
    public void warn(String trackingRunId, String key, String message) {
        trackingCalls.add("warn " + trackingRunId + " " + key);
    }

    @Override
    public void endRun(String trackingRunId, boolean succeeded) {
        trackingCalls.add("end " + trackingRunId + " " + succeeded);
        closesAndEvents.add("end " + trackingRunId + " " + succeeded);
    }

    @Override
    public void publish(PaloEvent event) {
        publishAll(List.of(event));
    }

    @Override
    public void publishAll(List<PaloEvent> events) {
        publishCalls.incrementAndGet();
        for (PaloEvent event : events) {
            published.add(event);
            closesAndEvents.add("event " + event.id());
        }
    }

    @Override
    public void tagTrackingRun(String trackingRunId, Map<String, String> tags) {
        trackingTags.put(trackingRunId, tags);
    }
}
