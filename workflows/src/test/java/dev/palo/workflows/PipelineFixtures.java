package dev.palo.workflows;

import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PaloPipelineWorkflowImpl;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;

/** A pipeline spec and a test environment with workers on both task queues. */
public final class PipelineFixtures {
    public static final ArtifactRef SOURCE =
            new ArtifactRef("s3://palo/inputs/english.json", "ab12", 2048, "application/json", 7);
    public static final TranslateConfig TRANSLATE =
            TranslateConfig.endpoint("http://127.0.0.1:1/v1", "test-model").apiKeySecret("PALO_TEST_KEY").chunkSize(2)
                    .concurrency(2).rateLimits(600, 60000).maxAttempts(3).build();

    /** Nobody reviews in these tests: the hour-long deadline is skipped and the stage proceeds flagged. */
    public static final ReviewConfig REVIEW = new ReviewConfig(3, List.of(), 1, Duration.ofHours(1),
            new QuorumPolicy(0, 0, false, MissedQuorum.PROCEED_FLAGGED), ReviewerMode.HUMAN, Duration.ZERO);

    private PipelineFixtures() {
    }

    public static PipelineSpec spec(List<String> languages) {
        return new PipelineSpec(SOURCE, languages, TRANSLATE, QaConfig.defaults(), REVIEW);
    }

    public static TestWorkflowEnvironment startEnvironment(InMemoryActivities activities) {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        for (String queue : List.of(TaskQueues.CPU, TaskQueues.GPU)) {
            Worker worker = env.newWorker(queue);
            worker.registerWorkflowImplementationTypes(
                    PaloPipelineWorkflowImpl.class, LanguagePipelineWorkflowImpl.class);
            worker.registerActivitiesImplementations(activities, new NoGoldQuality());
        }
        env.start();
        return env;
    }

    public static PaloPipelineWorkflow pipeline(TestWorkflowEnvironment env, String runId) {
        return env.getWorkflowClient().newWorkflowStub(PaloPipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(TaskQueues.CPU).build());
    }
}
