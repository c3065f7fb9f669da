package dev.palo.activities.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.source.MiniSource;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.TinyRecipe;
import dev.palo.activities.support.WorkerProcess;
import dev.palo.data.mini.MiniSize;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.study.StudyMember;
import dev.palo.workflows.study.StudyMemberState;
import dev.palo.workflows.study.StudyResult;
import dev.palo.workflows.study.StudySpec;
import dev.palo.workflows.study.StudyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose only worker is killed with SIGKILL after its first run completed and while its second runs, on the
 * servers of {@code ./palo up}: a new worker replays the study, which neither starts the completed run again nor a
 * second copy of the running one, waits for the running one and writes its report. The tiny recipe (Arabic,
 * PALO-mini tiny, both arms trained and evaluated) over 2 fine-tune seeds × 1 data seed.
 */
class StudyKillIT {
    /** A namespace of its own: other tests' workers on the shared server never take this study's tasks. */
    private static final String NAMESPACE = "palo-study-kill-it";
    private static final Duration STUDY_TIMEOUT = Duration.ofMinutes(30);
    private static final List<Long> FINETUNE_SEEDS = List.of(42L, 43L);
    private static final List<Long> DATA_SEEDS = List.of(7L);
    private static final int RESAMPLES = 200;

    @TempDir
    Path work;

    @Test
    void aStudyKilledWhileItsSecondRunRunsResumesWithoutRunningAnyRunTwice() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            WorkflowClient client = stack.registeredNamespaceClient(NAMESPACE);
            List<String> languages = List.of("ar");
            Path tree = MiniSource.generate(work.resolve("data"), MiniSize.TINY, 5, languages);
            MiniSourceRefs refs = MiniSource.upload(stack.objectStore(), tree, work.resolve("directories"));
            StudySpec spec = new StudySpec(TinyRecipe.spec(refs, languages, TinyRecipe.BASE_MODEL), FINETUNE_SEEDS,
                    DATA_SEEDS, tree.toString(), Map.of(), RESAMPLES, StudySpec.DEFAULT_BOOTSTRAP_SEED);
            String studyId = "study-kill-it-" + UUID.randomUUID();
            List<StudyMember> members = spec.members(studyId);

            StudyWorkflow study;
            List<StudyMemberState> atKill;
            try (WorkerProcess first = WorkerProcess.startInNamespace(stack, NAMESPACE, work, "first")) {
                study = client.newWorkflowStub(StudyWorkflow.class, WorkflowOptions.newBuilder()
                        .setWorkflowId(studyId).setTaskQueue(TaskQueues.CPU)
                        .setWorkflowExecutionTimeout(STUDY_TIMEOUT).build());
                WorkflowClient.start(study::run, spec);
                atKill = awaitFirstDoneSecondRunning(study, first);
                assertEquals(WorkerProcess.SIGKILL_EXIT, first.killHard(), "the worker must die by SIGKILL");
            }
            long killedAt = System.nanoTime();
            assertEquals(List.of(StudyMemberState.COMPLETED, StudyMemberState.RUNNING),
                    atKill.stream().map(StudyMemberState::state).toList(), "the states when the worker was killed");

            try (WorkerProcess second = WorkerProcess.startInNamespace(stack, NAMESPACE, work, "second")) {
                StudyResult result = WorkflowStub.fromTyped(study)
                        .getResult(STUDY_TIMEOUT.toSeconds(), TimeUnit.SECONDS, StudyResult.class);
                assertEquals(members, result.members());
                assertNotNull(result.report().output(), "the study wrote no report; worker log:\n" + second.output());
                assertEquals(result.report().output(),
                        stack.objectStore().stat("studies/" + studyId + "/study.json").orElseThrow(),
                        "the report in the store is not the one the study returned");
                assertTrue(study.members().stream().allMatch(m -> StudyMemberState.COMPLETED.equals(m.state())),
                        study.members().toString());
                System.out.printf("StudyKillIT: worker killed with %s completed and %s running; the study completed"
                        + " %d s later%n", members.get(0).runId(), members.get(1).runId(),
                        Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());
            }
            // one execution each: the replayed study started neither run again, and it is itself the one started
            for (String workflowId : Stream.concat(Stream.of(studyId), members.stream().map(StudyMember::runId))
                    .toList()) {
                assertEquals(1, executions(client, workflowId), workflowId + " ran more than once");
            }
        }
    }

    /** Waits until the first run completed and the second is running: the moment the worker dies. */
    private static List<StudyMemberState> awaitFirstDoneSecondRunning(StudyWorkflow study, WorkerProcess worker)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + STUDY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<StudyMemberState> states = study.members();
            if (states.stream().anyMatch(s -> StudyMemberState.FAILED.equals(s.state()))) {
                throw new AssertionError("a run failed before the kill: " + states + "\nworker log:\n"
                        + worker.output());
            }
            if (StudyMemberState.COMPLETED.equals(states.get(0).state())
                    && StudyMemberState.RUNNING.equals(states.get(1).state())) {
                return states;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the first run did not complete in " + STUDY_TIMEOUT + "; worker log:\n"
                + worker.output());
    }

    private static long executions(WorkflowClient client, String workflowId) {
        try (Stream<?> found = client.listExecutions("WorkflowId = '" + workflowId + "'")) {
            return found.count();
        }
    }
}
