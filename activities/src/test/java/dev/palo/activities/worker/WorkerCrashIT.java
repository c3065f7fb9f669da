package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.FakeChatServer;
import dev.palo.activities.support.InterruptedPipeline;
import dev.palo.activities.support.WorkerProcess;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM killed with SIGKILL in the middle of the translate stage, on the servers of
 * {@code ./palo up}: a new worker process takes over, the stage resumes at its last committed
 * chunk, and the artifacts are byte-identical to those of an undisturbed run.
 */
class WorkerCrashIT {
    /**
     * The workflows route to the fixed queues {@code palo-cpu}/{@code palo-gpu}; a namespace of
     * their own keeps other tests' workers on the shared server away from this test's tasks.
     */
    private static final String NAMESPACE = "palo-worker-crash-it";
    private static final Duration SLOW_ANSWER = Duration.ofMillis(150);

    @TempDir
    Path work;

    @Test
    void aWorkerKilledMidTranslateIsReplacedAndTheRunEndsWithIdenticalArtifacts() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp();
             FakeChatServer referenceChat = new FakeChatServer();
             FakeChatServer chat = new FakeChatServer()) {
            WorkflowClient client = stack.registeredNamespaceClient(NAMESPACE);
            InterruptedPipeline pipeline = new InterruptedPipeline(stack);
            String nonce = UUID.randomUUID().toString();
            ArtifactRef source = pipeline.uploadSource(nonce);
            chat.answerDelay(SLOW_ANSWER);
            String runId = "crash-it-" + nonce;

            WorkflowStub run;
            TreeSet<String> interrupted = new TreeSet<>(InterruptedPipeline.LANGUAGES);
            PipelineResult reference;
            long killedAt;
            long killedPid;
            try (WorkerProcess first = startWorker(stack, "first")) {
                reference = InterruptedPipeline.await(InterruptedPipeline.start(client, runId + "-reference",
                        InterruptedPipeline.spec(source, referenceChat.baseUrl())));

                run = InterruptedPipeline.start(client, runId, InterruptedPipeline.spec(source, chat.baseUrl()));
                pipeline.awaitCommittedChunk(runId);
                killedPid = first.pid();
                assertEquals(WorkerProcess.SIGKILL_EXIT, first.killHard(), "the worker must die by SIGKILL");
                killedAt = System.nanoTime();
                interrupted.removeAll(pipeline.translatedLanguages(runId));
                assertFalse(interrupted.isEmpty(), "the kill came after every language had finished translating");
            }

            try (WorkerProcess second = startWorker(stack, "second")) {
                PipelineResult result = InterruptedPipeline.await(run);
                long recoverySeconds = Duration.ofNanos(System.nanoTime() - killedAt).toSeconds();

                InterruptedPipeline.assertTranslatedAfresh(reference);
                InterruptedPipeline.assertTranslatedAfresh(result);
                assertEquals(pipeline.outputDigests(reference), pipeline.outputDigests(result),
                        "artifacts after the crash differ from the undisturbed run's; worker log:\n" + second.output());
                Map<String, Long> redone = InterruptedPipeline.assertRedoneAtMostTheChunksInFlight(chat);
                for (String language : interrupted) {
                    assertTrue(InterruptedPipeline.translateAttempt(client, runId, language) >= 2,
                            language + ": the translate stage finished without being retried after the kill");
                }
                System.out.printf("WorkerCrashIT: killed worker pid %d mid-translate of %s; run finished %d s after"
                                + " the kill; turns translated twice per language %s (bound: %d); %d answers"
                                + " for %d turns%n", killedPid, interrupted, recoverySeconds, redone,
                        InterruptedPipeline.REDO_BOUND_TURNS,
                        InterruptedPipeline.answersServed(chat),
                        InterruptedPipeline.LANGUAGES.size() * InterruptedPipeline.SAMPLES * InterruptedPipeline.TURNS);
            }
        }
    }

    private WorkerProcess startWorker(EmbeddedStack stack, String name) throws Exception {
        return WorkerProcess.startInNamespace(stack, NAMESPACE, work, name);
    }
}
