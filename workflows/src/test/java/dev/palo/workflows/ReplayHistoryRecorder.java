package dev.palo.workflows;

import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Records the histories that {@code PipelineReplayTest} replays. After a deliberate, versioned change to workflow
 * code, keep the files it wrote before under names of their own (their replay test stays) and rerun it, from the
 * repository root: {@code mvn -pl workflows
 * test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.palo.workflows.ReplayHistoryRecorder
 * -Dexec.args=workflows/src/test/resources/dev/palo/workflows}.
 */
public final class ReplayHistoryRecorder {
    static final String PIPELINE_ID = "replay-run";
    /** Recorded before stage runs were finished off the critical path ({@code StageTracking.CLOSE_OFF_PATH}). */
    static final String PIPELINE_HISTORY = "pipeline-history.json";
    static final String LANGUAGE_HISTORY = "language-history.json";
    /** Stage runs finished off the critical path; events published one per activity (before the batched lane). */
    static final String PIPELINE_HISTORY_OFF_PATH = "pipeline-history-tracking-off-path.json";
    static final String LANGUAGE_HISTORY_OFF_PATH = "language-history-tracking-off-path.json";
    /** What this recorder writes today: events published in batches ({@code EventLane.BATCHED}). */
    static final String PIPELINE_HISTORY_EVENTS_BATCHED = "pipeline-history-events-batched.json";
    static final String LANGUAGE_HISTORY_EVENTS_BATCHED = "language-history-events-batched.json";

    private ReplayHistoryRecorder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReplayHistoryRecorder <folder for the history files>");
        }
        Path folder = Path.of(args[0]);
        try (TestWorkflowEnvironment env = PipelineFixtures.startEnvironment(new InMemoryActivities(Set.of()))) {
            var client = env.getWorkflowClient();
            PaloPipelineWorkflow pipeline = PipelineFixtures.pipeline(env, PIPELINE_ID);
            WorkflowClient.start(pipeline::run, PipelineFixtures.spec(List.of("ar", "hi")));
            // one review decision, so the language history replays the update handler too
            LanguagePipelineWorkflow arabic = client.newWorkflowStub(LanguagePipelineWorkflow.class,
                    LanguagePipelineWorkflow.workflowId(PIPELINE_ID, "ar"));
            while (!isOpen(arabic)) {
                Thread.sleep(10);
            }
            arabic.submitReview(new ReviewDecision(arabic.reviewStatus().pendingTaskIds().get(0), "ar", "recorder",
                    ReviewVerdict.CORRECT, List.of(new ReviewTurn("gpt", "نص مصحح"))));
            WorkflowStub.fromTyped(pipeline).getResult(PipelineResult.class);
            Files.writeString(folder.resolve(PIPELINE_HISTORY_EVENTS_BATCHED),
                    client.fetchHistory(PIPELINE_ID).toJson(true));
            Files.writeString(folder.resolve(LANGUAGE_HISTORY_EVENTS_BATCHED),
                    client.fetchHistory(PIPELINE_ID + "-ar").toJson(true));
        }
    }

    /** False until the child exists and its review has its sample. */
    private static boolean isOpen(LanguagePipelineWorkflow language) {
        try {
            return language.reviewStatus().state() == ReviewState.OPEN;
        } catch (WorkflowException notStartedYet) {
            return false;
        }
    }
}
