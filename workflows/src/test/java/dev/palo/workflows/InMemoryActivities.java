package dev.palo.workflows;

import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import dev.palo.workflows.registry.LanguageRegistryActivities;
import dev.palo.workflows.tracking.TrackingActivities;
import dev.palo.workflows.translate.TranslateActivities;
import dev.palo.workflows.translate.TranslateRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-test activities: a small registry, stages that name their outputs, a call log. */
public final class InMemoryActivities
        implements LanguageRegistryActivities, TranslateActivities, PostEditActivities, TrackingActivities {
    public static final Map<String, String> REGISTRY = Map.of("ar", "Arabic", "hi", "Hindi", "fr", "French");

    public final List<TranslateRequest> translateCalls = new CopyOnWriteArrayList<>();
    public final List<PostEditRequest> postEditCalls = new CopyOnWriteArrayList<>();
    public final List<String> trackingCalls = new CopyOnWriteArrayList<>();
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
        return new StageResult(PostEditActivities.STAGE, code, output, output, false, Map.of("corrupt", 0.0));
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
    }

    @Override
    public void endRun(String trackingRunId, boolean succeeded) {
        trackingCalls.add("end " + trackingRunId + " " + succeeded);
    }
}
