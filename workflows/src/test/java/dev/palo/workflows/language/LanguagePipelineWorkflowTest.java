package dev.palo.workflows.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.translation.translate.TranslateActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LanguagePipelineWorkflowTest {
    private static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    private TestWorkflowEnvironment env;

    @AfterEach
    void close() {
        env.close();
    }

    private static LanguageJob job(String runId) {
        return new LanguageJob(runId, ARABIC, PipelineFixtures.SOURCE, PipelineFixtures.TRANSLATE,
                QaConfig.defaults(), PipelineFixtures.REVIEW, "mlflow-" + runId, List.of());
    }

    @Test
    void aJobContinuedAfterTranslateRunsOnlyTheRemainingStagesOnItsOutput() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
        ArtifactRef translated = InMemoryActivities.outputOf("run-resume", TranslateActivities.STAGE, "ar",
                PipelineFixtures.SOURCE);
        StageResult translate = new StageResult(TranslateActivities.STAGE, "ar", translated, translated, false,
                Map.of());

        LanguageResult result = stub("lang-resume").run(job("run-resume").withCompleted(translate));

        assertTrue(activities.translateCalls.isEmpty());
        assertEquals(1, activities.postEditCalls.size());
        assertEquals(translated, activities.postEditCalls.get(0).translated());
        assertEquals(translate, result.stages().get(0));
        assertEquals(PostEditActivities.STAGE, result.stages().get(1).stage());
        assertEquals(ReviewActivities.STAGE, result.stages().get(2).stage());
        assertEquals(result.stages().get(1).output(), activities.pairsCalls.get(0).postEdited());
    }

    @Test
    void aJobWithEveryStageDoneRunsNothing() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
        LanguageResult first = stub("lang-first").run(job("run-done"));
        int trackingCalls = activities.trackingCalls.size();

        LanguageJob done = job("run-done");
        for (StageResult stage : first.stages()) {
            done = done.withCompleted(stage);
        }
        LanguageResult again = stub("lang-again").run(done);

        assertEquals(first.stages(), again.stages());
        assertEquals(1, activities.translateCalls.size());
        assertEquals(trackingCalls, activities.trackingCalls.size());
    }

    @Test
    void aFailedStageEndsItsTrackingRunAsFailed() {
        InMemoryActivities activities = new InMemoryActivities(Set.of("ar"));
        env = PipelineFixtures.startEnvironment(activities);

        assertThrows(WorkflowFailedException.class, () -> stub("lang-fail").run(job("run-fail")));

        assertTrue(activities.trackingCalls.contains("end mlflow-run-fail-" + TranslateActivities.STAGE + "-ar false"),
                activities.trackingCalls.toString());
    }

    @Test
    void aStageCancelledWhileItRunsEndsItsTrackingRunAsFailed() throws InterruptedException {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
        LanguagePipelineWorkflow workflow = stub("lang-cancel");
        WorkflowClient.start(workflow::run, job("run-cancel"));
        // the review stage waits up to an hour for its reviewers: cancel the run while it waits, that is once its
        // sample was drawn (cancelling as soon as its tracking run started raced the stage's first activity and once
        // left the workflow running: the fresh-clone CI waited 10 minutes for it)
        String reviewStarted = "stage " + ReviewActivities.STAGE + " ar";
        for (int polls = 0; polls < 3_000 && activities.sampleCalls.isEmpty(); polls++) {
            Thread.sleep(10);
        }
        assertTrue(activities.trackingCalls.contains(reviewStarted), activities.trackingCalls.toString());
        Thread.sleep(200);

        WorkflowStub.fromTyped(workflow).cancel();

        assertThrows(WorkflowFailedException.class, () -> WorkflowStub.fromTyped(workflow)
                .getResult(60, java.util.concurrent.TimeUnit.SECONDS, LanguageResult.class));
        assertTrue(activities.trackingCalls.contains("end mlflow-run-cancel-" + ReviewActivities.STAGE + "-ar false"),
                activities.trackingCalls.toString());
    }

    private LanguagePipelineWorkflow stub(String workflowId) {
        return env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.CPU).build());
    }
}
