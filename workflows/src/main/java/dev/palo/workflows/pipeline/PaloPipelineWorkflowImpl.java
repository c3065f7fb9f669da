package dev.palo.workflows.pipeline;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.GpuScheduling;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.WorkClass;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.EvaluateResult;
import dev.palo.workflows.events.EventLane;
import dev.palo.workflows.events.RunEvents;
import dev.palo.workflows.events.TriggerInfo;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.language.LanguageJob;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pretrain.PretrainActivities;
import dev.palo.workflows.progress.PipelineProgressState;
import dev.palo.workflows.progress.StageBoard;
import dev.palo.workflows.registry.LanguageRegistryActivities;
import dev.palo.workflows.tracking.TrackingActivities;
import dev.palo.workflows.translation.base.PrepareTranslatorRequest;
import dev.palo.workflows.translation.base.TranslatorActivities;
import dev.palo.workflows.translation.base.TranslatorModel;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.validate.ValidateActivities;
import dev.palo.workflows.validate.ValidateRequest;
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
 * The source is validated once, before any language starts. Its history grows by a handful of
 * events per language and per dataset arm (a few dozen at most), so it never needs
 * continue-as-new; the long per-stage work lives in the children and activities.
 */
public class PaloPipelineWorkflowImpl implements PaloPipelineWorkflow {
    private final LanguageRegistryActivities registry =
            Workflow.newLocalActivityStub(LanguageRegistryActivities.class, ActivityPolicies.registry());
    private final TrackingActivities tracking =
            Workflow.newActivityStub(TrackingActivities.class, ActivityPolicies.tracking());
    private final DatasetActivities dataset =
            Workflow.newActivityStub(DatasetActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));
    private final ValidateActivities validate =
            Workflow.newActivityStub(ValidateActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));
    private final TranslatorActivities translatorTraining =
            Workflow.newActivityStub(TranslatorActivities.class, ActivityPolicies.gpuStage(WorkClass.LONG));
    private final TrackedStages stages = new TrackedStages();
    private final ModelStages models = new ModelStages(stages);
    /** Tracking label of the validation of the records every language translates. */
    static final String TRANSLATION_SOURCE = "translation-source";
    /** Tracking label of stages that serve every language, such as the base translator. */
    static final String ALL_LANGUAGES = "all";
    private PipelineSpec spec;
    private String trackingRunId;
    private RunEvents events;

    @Override
    public PipelineResult run(PipelineSpec spec) {
        requireComplete(spec);
        this.spec = spec;
        planStages(spec, stages.board());
        String runId = Workflow.getInfo().getWorkflowId();
        events = new RunEvents(EventLane.forThisWorkflow());
        stages.publishTo(events, runId);
        List<TargetLanguage> targets = registry.resolveTargets(spec.languages());
        String trackingRunId = tracking.startPipelineRun(runId, params(spec));
        this.trackingRunId = trackingRunId;
        announce(spec, runId, trackingRunId);
        try {
            PipelineResult result = runStages(spec, targets, runId, trackingRunId);
            // the stages' runs, closed off the path, end before the run they nest in
            stages.drain();
            tracking.endRun(trackingRunId, true);
            events.runCompleted(runId, trackingRunId, tableAverages(result));
            events.lane().drain();
            return result;
        } catch (RuntimeException e) {
            stages.drainAfter(e);
            tracking.endRun(trackingRunId, false);
            // detached: a cancelled run still says so on the topic
            Workflow.newDetachedCancellationScope(() -> {
                events.runFailed(runId, trackingRunId, e.getMessage());
                events.lane().drain();
            }).run();
            throw e;
        }
    }

    /**
     * The run's first event, published before any language starts so that it leads the run's events on the topic;
     * a run started by a trigger event carries the trigger, also as tags of its tracking run.
     */
    private void announce(PipelineSpec spec, String runId, String trackingRunId) {
        if (!events.lane().enabled()) {
            return;
        }
        TriggerInfo trigger = TriggerInfo.ofCurrentWorkflow();
        events.lane().tag(trackingRunId, trigger);
        events.runStarted(runId, spec.languages(), spec.source(), trackingRunId, trigger);
        events.lane().drain();
    }

    /** Table 1's averages ({@code table1.<arm>.avg…}) of an evaluated run; empty when the run did not evaluate. */
    private static Map<String, Double> tableAverages(PipelineResult result) {
        Map<String, Double> averages = new LinkedHashMap<>();
        if (result.evaluation() != null && result.evaluation().report() != null) {
            result.evaluation().report().metrics().forEach((key, value) -> {
                if (key.startsWith("table1.") && key.substring(key.lastIndexOf('.') + 1).startsWith("avg")) {
                    averages.put(key, value);
                }
            });
        }
        return averages;
    }

    @Override
    public PipelineProgressState progress() {
        return spec == null ? new PipelineProgressState(List.of(), null, null, List.of())
                : new PipelineProgressState(spec.languages(), spec.source().uri(), trackingRunId,
                stages.board().snapshot());
    }

    /** The run-level stages this spec will run, pending until they start: the dashboard's timeline. */
    private static void planStages(PipelineSpec spec, StageBoard board) {
        board.plan(ValidateActivities.STAGE, ValidateActivities.LANGUAGE);
        if (spec.translationSource() != null) {
            board.plan(ValidateActivities.STAGE, TRANSLATION_SOURCE);
        }
        if (spec.translator() != null && spec.translator().trainsLocal()) {
            board.plan(TranslatorActivities.STAGE, ALL_LANGUAGES);
        }
        if (spec.training() != null) {
            board.plan(BaseModelActivities.STAGE, BaseModelActivities.LANGUAGE);
            board.plan(PretrainActivities.STAGE, PretrainActivities.LANGUAGE);
        }
        for (DatasetArm arm : List.of(DatasetArm.BASELINE, DatasetArm.PALO)) {
            board.plan(DatasetActivities.STAGE, arm.code());
        }
        if (spec.training() != null) {
            for (DatasetArm arm : List.of(DatasetArm.BASELINE, DatasetArm.PALO)) {
                board.plan(FinetuneActivities.STAGE, arm.code());
            }
            board.plan(EvaluateActivities.STAGE, ModelStages.BOTH_ARMS);
        }
    }

    private PipelineResult runStages(PipelineSpec spec, List<TargetLanguage> targets, String runId,
                                     String trackingRunId) {
        ArtifactRef accepted = validateSource(spec.source(), ValidateActivities.LANGUAGE, spec, runId, trackingRunId);
        ArtifactRef toTranslate = spec.translationSource() == null ? accepted
                : validateSource(spec.translationSource(), TRANSLATION_SOURCE, spec, runId, trackingRunId);
        // base models and pretraining need no translation: they run while the translator and the languages do
        Promise<List<StageResult>> prepared = spec.training() == null ? null
                : Async.function(() -> models.prepare(spec, runId, trackingRunId));
        TranslatorRef translator = translator(spec, runId, trackingRunId);

        List<Promise<LanguageResult>> children = new ArrayList<>();
        for (TargetLanguage language : targets) {
            LanguagePipelineWorkflow child = Workflow.newChildWorkflowStub(LanguagePipelineWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(LanguagePipelineWorkflow.workflowId(runId, language.code()))
                            .setTaskQueue(TaskQueues.CPU)
                            .setMemo(GpuScheduling.childMemo())  // the run's GPU policy reaches its GPU work
                            .build());
            LanguageJob job = new LanguageJob(runId, language, toTranslate, spec.translate(), spec.qa(),
                    spec.review(), trackingRunId, List.of(), translator, spec.tune(),
                    spec.translationSource() == null ? spec.source() : spec.translationSource())
                    .withCorrections(spec.correctionsFor(language.code()));
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
        if (!failed.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "pipeline " + runId + " failed for " + failed.size() + " language(s): " + failed,
                    "LanguagePipelineFailed");
        }

        LanguageSet english = new LanguageSet(ValidateActivities.LANGUAGE, accepted, List.of());
        List<LanguageSet> translated = results.stream().map(LanguageResult::trainingSet).toList();
        Promise<StageResult> baseline = Async.function(() -> buildArm(spec, runId, trackingRunId, DatasetArm.BASELINE,
                english, translated));
        Promise<StageResult> palo = Async.function(() -> buildArm(spec, runId, trackingRunId, DatasetArm.PALO,
                english, translated));
        Promise.allOf(baseline, palo).get();
        if (prepared == null) {
            return new PipelineResult(trackingRunId, results, baseline.get(), palo.get());
        }

        StageResult pretrained = prepared.get().get(1);
        long baselineRecords = baseline.get().output().recordCount();
        long paloRecords = palo.get().output().recordCount();
        Promise<StageResult> baselineModel = Async.function(() -> models.finetune(spec, runId, trackingRunId,
                DatasetArm.BASELINE, pretrained, baseline.get(),
                spec.training().finetuneOf(DatasetArm.BASELINE, baselineRecords, paloRecords)));
        Promise<StageResult> paloModel = Async.function(() -> models.finetune(spec, runId, trackingRunId,
                DatasetArm.PALO, pretrained, palo.get(),
                spec.training().finetuneOf(DatasetArm.PALO, baselineRecords, paloRecords)));
        Promise.allOf(baselineModel, paloModel).get();
        List<String> warnings = results.stream().flatMap(language -> language.warnings().stream()).toList();
        EvaluateResult evaluation = models.evaluate(spec, runId, trackingRunId, baselineModel.get(), paloModel.get(),
                warnings);
        return new PipelineResult(trackingRunId, results, baseline.get(), palo.get(),
                new TrainedModels(prepared.get().get(0), pretrained, baselineModel.get(), paloModel.get()),
                evaluation);
    }

    /**
     * The source's records that pass validation, which every later stage reads instead of the source;
     * the rest are quarantined. When none passes, the stage's failure fails the pipeline.
     */
    private ArtifactRef validateSource(ArtifactRef source, String trackingLabel, PipelineSpec spec, String runId,
                                       String trackingRunId) {
        StageResult validated = stages.run(trackingRunId, ValidateActivities.STAGE, trackingLabel,
                stageRun -> validate.validate(new ValidateRequest(runId, source, spec.imagePrefix(), stageRun)));
        events.quarantineCounted(runId, trackingLabel, validated);
        return validated.output();
    }

    /** The spec's translator, after training the local one when the spec asks for it (cached across runs). */
    private TranslatorRef translator(PipelineSpec spec, String runId, String trackingRunId) {
        if (spec.translator() == null) {
            return null;
        }
        if (!spec.translator().trainsLocal()) {
            return spec.translator().given();
        }
        return stages.run(trackingRunId, TranslatorActivities.STAGE, ALL_LANGUAGES,
                stageRun -> translatorTraining.prepareBase(new PrepareTranslatorRequest(runId,
                        spec.translator().seeds(), spec.translator().base(), stageRun)),
                TranslatorModel::stage).translator();
    }

    /** One arm's dataset, inside its own nested tracking run named by the arm. */
    private StageResult buildArm(PipelineSpec spec, String runId, String trackingRunId, DatasetArm arm,
                                 LanguageSet english, List<LanguageSet> translated) {
        return stages.run(trackingRunId, DatasetActivities.STAGE, arm.code(),
                stageRun -> dataset.build(new DatasetBuildRequest(runId, arm, english, translated, spec.dataset(),
                        stageRun)));
    }

    private static void requireComplete(PipelineSpec spec) {
        if (spec == null || spec.source() == null || spec.translate() == null || spec.qa() == null
                || spec.review() == null || spec.dataset() == null) {
            throw FailureTypes.invalidInput("pipeline spec needs source, translate, qa, review and dataset settings, got " + spec);
        }
        if (spec.languages() == null || spec.languages().isEmpty()) {
            throw FailureTypes.invalidInput("pipeline spec names no target language");
        }
        if (new HashSet<>(spec.languages()).size() != spec.languages().size()) {
            throw FailureTypes.invalidInput("pipeline spec repeats a language: " + spec.languages());
        }
    }

    /** Reproducibility params; the API key's secret name is left out on purpose. */
    private static Map<String, String> params(PipelineSpec spec) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("source.uri", spec.source().uri());
        params.put("source.sha256", spec.source().sha256());
        params.put("languages", String.join(",", spec.languages()));
        if (spec.translate().hasEndpoint()) {
            params.put("translate.model", spec.translate().model());
            params.put("translate.baseUrl", spec.translate().baseUrl());
        }
        params.put("translate.chunkSize", Integer.toString(spec.translate().chunkSize()));
        params.put("translate.concurrency", Integer.toString(spec.translate().concurrency()));
        params.put("review.sampleSize", Integer.toString(spec.review().sampleSize()));
        params.put("review.deadline", spec.review().deadline().toString());
        params.put("review.mode", spec.review().mode().name());
        params.put("dataset.seed", Long.toString(spec.dataset().seed()));
        params.put("dataset.shardSize", Integer.toString(spec.dataset().shardSize()));
        if (spec.imagePrefix() != null) {
            params.put("source.imagePrefix", spec.imagePrefix());
        }
        if (spec.translationSource() != null) {
            params.put("translationSource.uri", spec.translationSource().uri());
            params.put("translationSource.sha256", spec.translationSource().sha256());
        }
        if (spec.translator() != null && spec.translator().trainsLocal()) {
            params.put("translator.local.preset", spec.translator().base().preset());
            params.put("translator.local.modelName", spec.translator().base().modelName());
        } else if (spec.translator() != null) {
            params.put("translator.backend", spec.translator().given().backend());
            params.put("translator.model", spec.translator().given().model());
        }
        if (spec.corrections() != null) {
            spec.corrections().forEach((code, ref) -> params.put("corrections." + code + ".sha256", ref.sha256()));
        }
        if (spec.tune() != null) {
            params.put("tune.backend", spec.tune().local() != null ? TranslatorRef.LOCAL : TranslatorRef.OPENAI);
        }
        if (spec.training() != null) {
            params.put("training.base", spec.training().base().modelName());
            params.put("training.pretrain.epochs", Double.toString(spec.training().pretrain().epochs()));
            params.put("training.finetune.epochs", Double.toString(spec.training().finetune().epochs()));
            if (spec.training().stepMatchedBaseline()) {
                params.put("training.finetune.stepMatchedBaseline", "true");
            }
            params.put("training.lora.r", Integer.toString(spec.training().lora().r()));
            params.put("training.evaluate.scorer", spec.training().evaluate().scorer().kind());
        }
        return params;
    }
}
