package dev.palo.workflows.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateRequest;
import dev.palo.workflows.validate.ValidateActivities;
import dev.palo.workflows.validate.ValidateRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaloPipelineWorkflowTest {
    private TestWorkflowEnvironment env;

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void runsEveryStageOfEveryLanguageOnThePreviousOutputInsideNestedTrackingRuns() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);

        PipelineResult result = PipelineFixtures.pipeline(env, "run-two")
                .run(PipelineFixtures.spec(List.of("ar", "hi")));

        assertEquals(List.of("ar", "hi"), result.languages().stream().map(LanguageResult::language).toList());
        assertEquals(2, activities.translateCalls.size());
        assertEquals(2, activities.postEditCalls.size());
        for (LanguageResult language : result.languages()) {
            String code = language.language();
            TranslateRequest translate = activities.translateCalls.stream()
                    .filter(c -> c.language().code().equals(code)).findFirst().orElseThrow();
            PostEditRequest postEdit = activities.postEditCalls.stream()
                    .filter(c -> c.language().code().equals(code)).findFirst().orElseThrow();
            assertEquals("run-two", translate.runId());
            assertEquals(validated("run-two"), translate.source());
            assertEquals(InMemoryActivities.REGISTRY.get(code), translate.language().name());
            assertEquals("mlflow-run-two-translate-" + code, translate.trackingRunId());
            assertEquals("mlflow-run-two-post-edit-" + code, postEdit.trackingRunId());
            assertEquals(List.of(TranslateActivities.STAGE, PostEditActivities.STAGE, ReviewActivities.STAGE),
                    language.stages().stream().map(StageResult::stage).toList());
            assertEquals(language.stages().get(0).output(), postEdit.translated());
            assertEquals(QaConfig.defaults(), postEdit.qa());
        }
        assertEquals("mlflow-run-two", result.trackingRunId());
        assertTrue(activities.trackingCalls.containsAll(List.of(
                "pipeline run-two", "stage translate ar", "stage translate hi", "stage post-edit ar",
                "stage post-edit hi", "finish mlflow-run-two-translate-ar", "finish mlflow-run-two-post-edit-hi")));
        assertEquals("end mlflow-run-two true", activities.trackingCalls.get(activities.trackingCalls.size() - 1));
    }

    @Test
    void buildsBothDatasetArmsFromEnglishAndThePostEditedTranslationsOnceEveryLanguageIsDone() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
        PipelineSpec spec = PipelineFixtures.spec(List.of("ar", "hi"));

        PipelineResult result = PipelineFixtures.pipeline(env, "run-arms").run(spec);

        List<LanguageSet> translated = result.languages().stream()
                .map(language -> new LanguageSet(language.language(),
                        stageOf(language, PostEditActivities.STAGE).output(),
                        List.of(stageOf(language, ReviewActivities.STAGE).output())))
                .toList();
        assertEquals(Set.of(DatasetArm.BASELINE, DatasetArm.PALO),
                Set.copyOf(activities.datasetCalls.stream().map(DatasetBuildRequest::arm).toList()));
        assertEquals(2, activities.datasetCalls.size());
        for (DatasetBuildRequest request : activities.datasetCalls) {
            assertEquals("run-arms", request.runId());
            assertEquals(new LanguageSet("en", validated("run-arms"), List.of()), request.english());
            assertEquals(translated, request.translations());
            assertEquals(spec.dataset(), request.config());
            assertEquals("mlflow-run-arms-" + DatasetActivities.STAGE + "-" + request.arm().code(),
                    request.trackingRunId());
        }
        assertEquals(DatasetArm.BASELINE.code(), result.baselineDataset().language());
        assertEquals(DatasetArm.PALO.code(), result.paloDataset().language());
        assertEquals(Set.of("records.en", "records.ar", "records.hi"), result.paloDataset().metrics().keySet());

        List<String> calls = activities.trackingCalls;
        int lastReviewFinished = Math.max(
                calls.indexOf("finish mlflow-run-arms-" + ReviewActivities.STAGE + "-ar"),
                calls.indexOf("finish mlflow-run-arms-" + ReviewActivities.STAGE + "-hi"));
        for (DatasetArm arm : DatasetArm.values()) {
            int started = calls.indexOf("stage " + DatasetActivities.STAGE + " " + arm.code());
            int finished = calls.indexOf("finish mlflow-run-arms-" + DatasetActivities.STAGE + "-" + arm.code());
            assertTrue(lastReviewFinished >= 0 && started > lastReviewFinished && finished > started, calls.toString());
        }
        assertEquals("end mlflow-run-arms true", calls.get(calls.size() - 1));
    }

    @Test
    void unknownLanguageFailsBeforeAnythingRuns() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);

        ApplicationFailure failure = failureOf(() -> PipelineFixtures.pipeline(env, "run-unknown")
                .run(PipelineFixtures.spec(List.of("ar", "xx"))));

        assertEquals(FailureTypes.UNKNOWN_LANGUAGE, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("xx"), failure.getOriginalMessage());
        assertTrue(activities.translateCalls.isEmpty());
        assertTrue(activities.trackingCalls.isEmpty());
    }

    @Test
    void emptyOrRepeatedLanguagesAreRejectedAsInvalidInput() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);

        ApplicationFailure none = failureOf(() -> PipelineFixtures.pipeline(env, "run-none")
                .run(PipelineFixtures.spec(List.of())));
        ApplicationFailure twice = failureOf(() -> PipelineFixtures.pipeline(env, "run-twice")
                .run(PipelineFixtures.spec(List.of("ar", "ar"))));

        assertEquals(FailureTypes.INVALID_INPUT, none.getType());
        assertTrue(none.getOriginalMessage().contains("no target language"), none.getOriginalMessage());
        assertEquals(FailureTypes.INVALID_INPUT, twice.getType());
        assertTrue(twice.getOriginalMessage().contains("repeats"), twice.getOriginalMessage());
        assertTrue(activities.translateCalls.isEmpty());
    }

    @Test
    void oneFailingLanguageLetsTheOthersFinishAndFailsThePipelineNamingIt() {
        InMemoryActivities activities = new InMemoryActivities(Set.of("hi"));
        env = PipelineFixtures.startEnvironment(activities);

        ApplicationFailure failure = failureOf(() -> PipelineFixtures.pipeline(env, "run-fail")
                .run(PipelineFixtures.spec(List.of("ar", "hi"))));

        assertTrue(failure.getOriginalMessage().contains("hi:"), failure.getOriginalMessage());
        assertTrue(activities.trackingCalls.contains("finish mlflow-run-fail-translate-ar"));
        assertEquals("end mlflow-run-fail false", activities.trackingCalls.get(activities.trackingCalls.size() - 1));
        assertTrue(activities.datasetCalls.isEmpty(), activities.datasetCalls.toString());
    }

    @Test
    void validatesTheSourceOnceInItsOwnTrackingRunBeforeAnyLanguageStarts() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
        PipelineSpec plain = PipelineFixtures.spec(List.of("ar", "hi"));
        PipelineSpec withImages = new PipelineSpec(plain.source(), plain.languages(), plain.translate(), plain.qa(),
                plain.review(), plain.dataset(), "inputs/images/");

        PipelineFixtures.pipeline(env, "run-validate").run(withImages);

        assertEquals(List.of(new ValidateRequest("run-validate", PipelineFixtures.SOURCE, "inputs/images/",
                "mlflow-run-validate-" + ValidateActivities.STAGE + "-en")), activities.validateCalls);
        List<String> calls = activities.trackingCalls;
        int finished = calls.indexOf("finish mlflow-run-validate-" + ValidateActivities.STAGE + "-en");
        assertEquals(List.of("pipeline run-validate", "stage " + ValidateActivities.STAGE + " en"), calls.subList(0, 2));
        assertTrue(finished > 1 && finished < calls.indexOf("stage translate ar")
                && finished < calls.indexOf("stage translate hi"), calls.toString());
    }

    @Test
    void aSourceWithNoValidRecordFailsThePipelineAsInvalidInputBeforeAnyLanguage() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
        ArtifactRef empty = new ArtifactRef("s3://palo/inputs/bad.json", "cd34", 10, "application/json", 0);
        PipelineSpec plain = PipelineFixtures.spec(List.of("ar"));

        ApplicationFailure failure = failureOf(() -> PipelineFixtures.pipeline(env, "run-bad")
                .run(new PipelineSpec(empty, plain.languages(), plain.translate(), plain.qa(), plain.review())));

        assertEquals(FailureTypes.INVALID_INPUT, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("quarantine"), failure.getOriginalMessage());
        assertTrue(activities.translateCalls.isEmpty());
        assertTrue(activities.datasetCalls.isEmpty());
        List<String> calls = activities.trackingCalls;
        assertEquals(List.of("end mlflow-run-bad-" + ValidateActivities.STAGE + "-en false", "end mlflow-run-bad false"),
                calls.subList(calls.size() - 2, calls.size()));
    }

    /** What the fake validate stage accepts from the fixtures' source in a run. */
    private static ArtifactRef validated(String runId) {
        return InMemoryActivities.outputOf(runId, ValidateActivities.STAGE, ValidateActivities.LANGUAGE,
                PipelineFixtures.SOURCE);
    }

    private static StageResult stageOf(LanguageResult language, String stage) {
        return language.stages().stream().filter(result -> result.stage().equals(stage)).findFirst().orElseThrow();
    }

    private static ApplicationFailure failureOf(Runnable run) {
        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, run::run);
        return assertInstanceOf(ApplicationFailure.class, rootCause(failed));
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() instanceof TemporalFailure next) {
            cause = next;
        }
        return cause;
    }
}
