package dev.palo.workflows.pipeline;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.language.LanguageJob;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.registry.LanguageRegistryActivities;
import dev.palo.workflows.tracking.TrackingActivities;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Its history grows by a handful of events per language (a few dozen at most), so it never
 * needs continue-as-new; the long per-stage work lives in the children.
 */
public class PaloPipelineWorkflowImpl implements PaloPipelineWorkflow {
    private final LanguageRegistryActivities registry =
            Workflow.newLocalActivityStub(LanguageRegistryActivities.class, ActivityPolicies.registry());
    private final TrackingActivities tracking =
            Workflow.newActivityStub(TrackingActivities.class, ActivityPolicies.tracking());

    @Override
    public PipelineResult run(PipelineSpec spec) {
        requireComplete(spec);
        List<TargetLanguage> targets = registry.resolveTargets(spec.languages());
        String runId = Workflow.getInfo().getWorkflowId();
        String trackingRunId = tracking.startPipelineRun(runId, params(spec));

        List<Promise<LanguageResult>> children = new ArrayList<>();
        for (TargetLanguage language : targets) {
            LanguagePipelineWorkflow child = Workflow.newChildWorkflowStub(LanguagePipelineWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(LanguagePipelineWorkflow.workflowId(runId, language.code()))
                            .setTaskQueue(TaskQueues.CPU)
                            .build());
            LanguageJob job = new LanguageJob(runId, language, spec.source(), spec.translate(), spec.qa(),
                    spec.review(), trackingRunId, List.of());
            children.add(Async.function(child::run, job));
        }

        // Every language runs to its end even when another fails; failures are reported together.
        List<LanguageResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            try {
                results.add(children.get(i).get());
            } catch (RuntimeException e) {
                failed.add(targets.get(i).code() + ": " + e.getMessage());
            }
        }
        tracking.endRun(trackingRunId, failed.isEmpty());
        if (!failed.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "pipeline " + runId + " failed for " + failed.size() + " language(s): " + failed,
                    "LanguagePipelineFailed");
        }
        return new PipelineResult(trackingRunId, results);
    }

    private static void requireComplete(PipelineSpec spec) {
        if (spec == null || spec.source() == null || spec.translate() == null || spec.qa() == null
                || spec.review() == null) {
            throw invalid("pipeline spec needs source, translate, qa and review settings, got " + spec);
        }
        if (spec.languages() == null || spec.languages().isEmpty()) {
            throw invalid("pipeline spec names no target language");
        }
        if (new HashSet<>(spec.languages()).size() != spec.languages().size()) {
            throw invalid("pipeline spec repeats a language: " + spec.languages());
        }
    }

    private static ApplicationFailure invalid(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.INVALID_INPUT);
    }

    /** Reproducibility params; the API key's secret name is left out on purpose. */
    private static Map<String, String> params(PipelineSpec spec) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("source.uri", spec.source().uri());
        params.put("source.sha256", spec.source().sha256());
        params.put("languages", String.join(",", spec.languages()));
        params.put("translate.model", spec.translate().model());
        params.put("translate.baseUrl", spec.translate().baseUrl());
        params.put("translate.chunkSize", Integer.toString(spec.translate().chunkSize()));
        params.put("translate.concurrency", Integer.toString(spec.translate().concurrency()));
        params.put("review.sampleSize", Integer.toString(spec.review().sampleSize()));
        params.put("review.deadline", spec.review().deadline().toString());
        params.put("review.mode", spec.review().mode().name());
        return params;
    }
}
