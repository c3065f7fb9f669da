package dev.palo.workflows.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.GpuScheduling;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateRequest;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.LocalTune;
import dev.palo.workflows.translation.tune.OpenAiTune;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneConfig;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The language pipeline with translator fine-tune, re-translation and chrF, on in-memory activities. */
class TunedLanguagePipelineTest {
    static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    static final ArtifactRef ORIGIN =
            new ArtifactRef("s3://palo/mini/instruct/english.json", "cd34", 4096, "application/json", 9);
    static final TuneConfig OPENAI_TUNE = TuneConfig.openai(
            new OpenAiTune("http://127.0.0.1:1/v1", null, "PALO_TEST_KEY", 2, Duration.ofSeconds(5)));
    static final TuneConfig LOCAL_TUNE = TuneConfig.local(LocalTune.defaults());
    private static final List<String> TUNED_CHAIN = List.of(TranslateActivities.STAGE, PostEditActivities.STAGE,
            ReviewActivities.STAGE, TuneActivities.STAGE, TranslateActivities.STAGE, PostEditActivities.STAGE);

    private final InMemoryActivities activities = new InMemoryActivities(Set.of());
    private final InMemoryTuneActivities tuning = new InMemoryTuneActivities();
    private TestWorkflowEnvironment env;

    @AfterEach
    void close() {
        env.close();
    }

    static TestWorkflowEnvironment startEnvironment(InMemoryActivities activities, InMemoryTuneActivities tuning) {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        for (String queue : List.of(TaskQueues.CPU, TaskQueues.GPU, TaskQueues.GPU_SHORT)) {
            Worker worker = env.newWorker(queue);
            worker.registerWorkflowImplementationTypes(LanguagePipelineWorkflowImpl.class);
            worker.registerActivitiesImplementations(activities, tuning);
        }
        env.start();
        return env;
    }

    static LanguageJob job(String runId, TranslatorRef translator, TuneConfig tune, ArtifactRef origin) {
        return new LanguageJob(runId, ARABIC, PipelineFixtures.SOURCE, PipelineFixtures.TRANSLATE,
                QaConfig.defaults(), PipelineFixtures.REVIEW, "mlflow-" + runId, List.of(), translator, tune, origin);
    }

    private LanguageResult run(String workflowId, LanguageJob job) {
        return run(WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.CPU).build(), job);
    }

    private LanguageResult run(WorkflowOptions options, LanguageJob job) {
        env = env == null ? startEnvironment(activities, tuning) : env;
        return env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class, options).run(job);
    }

    @Test
    void outsideCorrectionsReachTheTuneStageBesideTheReviewsPairs() {
        ArtifactRef outside = new ArtifactRef("s3://palo/corrections/ar.json", "ef56", 512, "application/json", 4);

        run("tuned-outside", job("run-outside", null, OPENAI_TUNE, ORIGIN).withCorrections(outside));

        var tune = tuning.tuneCalls.get(0);
        assertEquals(outside, tune.corrections());
        assertEquals(1, activities.pairsCalls.size(), "the review still builds its own pairs");
    }

    @Test
    void anOpenAiTranslatorIsTunedOnTheCorrectedPairsAndTheSourceTranslatedAgainWithIt() {
        LanguageResult result = run("tuned-openai", job("run-openai", null, OPENAI_TUNE, ORIGIN));

        assertEquals(TUNED_CHAIN, result.stages().stream().map(StageResult::stage).toList());
        assertEquals(1, tuning.tuneCalls.size());
        var tune = tuning.tuneCalls.get(0);
        assertEquals(result.stages().get(2).output(), tune.pairs(), "tune reads the review's corrected pairs");
        assertEquals(TranslatorRef.openai(PipelineFixtures.TRANSLATE.model()), tune.base());
        assertEquals(List.of(TaskQueues.CPU), tuning.tuneQueues, "an OpenAI job is only polled: CPU work");

        assertEquals(2, activities.translateCalls.size());
        TranslateRequest first = activities.translateCalls.get(0);
        TranslateRequest again = activities.translateCalls.get(1);
        assertNull(first.translator(), "the first translation uses the translate settings' model");
        assertEquals(InMemoryTuneActivities.tunedFrom(tune.base(), "ar"), again.translator());
        assertEquals(PipelineFixtures.SOURCE, again.source(), "re-translation starts again from the English source");
        assertEquals(result.stages().get(4).output(), activities.postEditCalls.get(1).translated());
        assertEquals(result.stages().get(5).output(), result.finalTranslation());

        assertTrue(activities.trackingCalls.containsAll(List.of("stage tune ar", "stage retranslate ar",
                "stage retranslate-post-edit ar")), activities.trackingCalls.toString());
    }

    @Test
    void chrfIsMeasuredAfterEveryTranslatingStageOnItsOwnTrackingRun() {
        LanguageResult result = run("tuned-chrf", job("run-chrf", null, OPENAI_TUNE, ORIGIN));

        List<Integer> translating = List.of(0, 1, 4, 5);
        assertEquals(translating.stream().map(i -> result.stages().get(i).output()).toList(),
                tuning.chrfCalls.stream().map(call -> call.translated()).toList());
        assertEquals(List.of("mlflow-run-chrf-translate-ar", "mlflow-run-chrf-post-edit-ar",
                        "mlflow-run-chrf-retranslate-ar", "mlflow-run-chrf-retranslate-post-edit-ar"),
                tuning.chrfCalls.stream().map(call -> call.trackingRunId()).toList());
        assertTrue(tuning.chrfCalls.stream().allMatch(call -> call.origin().equals(ORIGIN)));
    }

    @Test
    void aLocalTranslatorIsTunedAndUsedOnTheGpuQueue() {
        ArtifactRef weights = new ArtifactRef("s3://palo/translators/base/index.json", "ef56", 10,
                "application/vnd.palo.directory+json", 4);
        TranslatorRef base = TranslatorRef.local("palo-mini-translator", weights);

        run("tuned-local", job("run-local", base, LOCAL_TUNE, null));

        assertEquals(base, tuning.tuneCalls.get(0).base());
        assertEquals(List.of(TaskQueues.GPU), tuning.tuneQueues);
        assertEquals(base, activities.translateCalls.get(0).translator());
        assertEquals(InMemoryTuneActivities.tunedFrom(base, "ar"), activities.translateCalls.get(1).translator());
        assertTrue(tuning.chrfCalls.isEmpty(), "no origin, so no gold to measure against");
    }

    @Test
    void underQueuesSchedulingTheLocalTuneGoesToTheShortGpuQueueAndTrainingsQueueUnderPriority() {
        TranslatorRef base = TranslatorRef.local("palo-mini-translator", new ArtifactRef(
                "s3://palo/translators/base/index.json", "ef56", 10, "application/vnd.palo.directory+json", 4));

        run(WorkflowOptions.newBuilder().setWorkflowId("tuned-queues").setTaskQueue(TaskQueues.CPU)
                .setMemo(GpuScheduling.QUEUES.memo()).build(), job("run-queues", base, LOCAL_TUNE, null));
        run(WorkflowOptions.newBuilder().setWorkflowId("tuned-priority").setTaskQueue(TaskQueues.CPU)
                .setMemo(GpuScheduling.PRIORITY.memo()).build(), job("run-priority", base, LOCAL_TUNE, null));

        assertEquals(List.of(TaskQueues.GPU_SHORT, TaskQueues.GPU), tuning.tuneQueues,
                "the run's memo, not the worker, decides: a run without it (earlier runs) keeps palo-gpu");
    }

    @Test
    void withoutTuneSettingsTheLanguageEndsAtReview() {
        LanguageResult result = run("untuned", job("run-untuned", null, null, ORIGIN));

        assertEquals(List.of(TranslateActivities.STAGE, PostEditActivities.STAGE, ReviewActivities.STAGE),
                result.stages().stream().map(StageResult::stage).toList());
        assertTrue(tuning.tuneCalls.isEmpty());
        assertEquals(result.stages().get(1).output(), result.finalTranslation());
        assertEquals(2, tuning.chrfCalls.size());
    }

    @Test
    void tuneSettingsForTheOtherBackendFailTheLanguageNamingBoth() {
        WorkflowException failed = assertThrows(WorkflowException.class,
                () -> run("mismatch", job("run-mismatch", null, LOCAL_TUNE, null)));

        Throwable cause = failed;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = ((ApplicationFailure) cause).getOriginalMessage();
        assertTrue(message.contains("openai model (test-model)") && message.contains("no openai settings"), message);
        assertTrue(tuning.tuneCalls.isEmpty());
    }

    @Test
    void aJobContinuedAfterTuneReTranslatesWithTheCarriedTranslator() {
        LanguageJob job = job("run-carried", null, OPENAI_TUNE, null);
        for (String stage : TUNED_CHAIN.subList(0, 4)) {
            ArtifactRef out = InMemoryActivities.outputOf("run-carried", stage, "ar", PipelineFixtures.SOURCE);
            job = job.withCompleted(new StageResult(stage, "ar", out, out, false, Map.of()));
        }
        TranslatorRef tuned = TranslatorRef.openai("ft:test-model:carried");

        LanguageResult result = run("carried", job.withTuned(tuned));

        assertEquals(TUNED_CHAIN, result.stages().stream().map(StageResult::stage).toList());
        assertTrue(tuning.tuneCalls.isEmpty());
        assertEquals(List.of(tuned), activities.translateCalls.stream().map(TranslateRequest::translator).toList());
    }
}
