package dev.palo.workflows;

import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Records the histories that {@code PipelineReplayTest} replays. Rerun after a deliberate,
 * versioned change to workflow code, from the repository root: {@code mvn -pl workflows
 * test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.palo.workflows.ReplayHistoryRecorder
 * -Dexec.args=workflows/src/test/resources/dev/palo/workflows}.
 */
public final class ReplayHistoryRecorder {
    static final String PIPELINE_ID = "replay-run";
    static final String PIPELINE_HISTORY = "pipeline-history.json";
    static final String LANGUAGE_HISTORY = "language-history.json";

    private ReplayHistoryRecorder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReplayHistoryRecorder <folder for the history files>");
        }
        Path folder = Path.of(args[0]);
        try (TestWorkflowEnvironment env = PipelineFixtures.startEnvironment(new InMemoryActivities(Set.of()))) {
            PipelineFixtures.pipeline(env, PIPELINE_ID).run(PipelineFixtures.spec(List.of("ar", "hi")));
            var client = env.getWorkflowClient();
            Files.writeString(folder.resolve(PIPELINE_HISTORY), client.fetchHistory(PIPELINE_ID).toJson(true));
            Files.writeString(folder.resolve(LANGUAGE_HISTORY), client.fetchHistory(PIPELINE_ID + "-ar").toJson(true));
        }
    }
}
