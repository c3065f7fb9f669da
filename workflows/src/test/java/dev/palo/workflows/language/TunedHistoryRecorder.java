package dev.palo.workflows.language;

import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Records the history of a language pipeline with translator fine-tune, re-translation and chrF that
 * {@link TunedHistoryReplayTest} replays. Rerun after a deliberate, versioned change, from the repository
 * root: {@code mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.palo.workflows.language.TunedHistoryRecorder
 * -Dexec.args=workflows/src/test/resources/dev/palo/workflows/language}.
 */
public final class TunedHistoryRecorder {
    static final String WORKFLOW_ID = "replay-run-tuned-ar";
    static final String HISTORY = "language-tuned-history.json";

    private TunedHistoryRecorder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TunedHistoryRecorder <folder for the history file>");
        }
        try (TestWorkflowEnvironment env = TunedLanguagePipelineTest.startEnvironment(
                new InMemoryActivities(Set.of()), new InMemoryTuneActivities())) {
            env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class, WorkflowOptions.newBuilder()
                            .setWorkflowId(WORKFLOW_ID).setTaskQueue(TaskQueues.CPU).build())
                    .run(TunedLanguagePipelineTest.job("replay-run-tuned", null, TunedLanguagePipelineTest.OPENAI_TUNE,
                            TunedLanguagePipelineTest.ORIGIN));
            Files.writeString(Path.of(args[0]).resolve(HISTORY),
                    env.getWorkflowClient().fetchHistory(WORKFLOW_ID).toJson(true));
        }
    }
}
