package dev.palo.workflows.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.translate.TranslateActivities;
import dev.palo.workflows.translate.TranslateRequest;
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
            assertEquals(PipelineFixtures.SOURCE, translate.source());
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
