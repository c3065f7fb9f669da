package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.FakeChatServer;
import dev.palo.activities.support.InterruptedPipeline;
import dev.palo.activities.support.PrivateTemporalServer;
import dev.palo.activities.translation.translate.ChatClients;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal server restarted (same SQLite file) in the middle of the translate stage: the run
 * carries on and ends with the artifacts of an undisturbed run. Temporal is a private dev server,
 * so restarting it never disturbs other tests on the shared stack; the object store and MLflow
 * are those of {@code ./palo up}.
 */
class TemporalRestartIT {
    private static final Duration SLOW_ANSWER = Duration.ofMillis(150);

    @TempDir
    Path state;

    @Test
    void aRunSpanningATemporalRestartEndsWithIdenticalArtifacts() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp();
             PrivateTemporalServer temporal = PrivateTemporalServer.start(state);
             FakeChatServer referenceChat = new FakeChatServer();
             FakeChatServer chat = new FakeChatServer()) {
            WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
            WorkflowClient client = WorkflowClient.newInstance(service);
            WorkerSettings settings = new WorkerSettings(temporal.address(), client.getOptions().getNamespace(),
                    List.of(TaskQueues.CPU, TaskQueues.GPU), "palo-it", state.resolve("work"),
                    WorkerSettings.TEMPORAL_DEFAULT_SLOTS);
            WorkerFactory worker = PaloWorkers.start(client, settings.taskQueues(), settings.gpuSlots(), PaloActivities.create(
                    stack.objectStore(), stack.tracker(),
                    new ChatClients(new ApiKeys(Map.of()), Duration.ofMillis(20), Duration.ofMillis(200)), settings));
            try {
                InterruptedPipeline pipeline = new InterruptedPipeline(stack);
                String nonce = UUID.randomUUID().toString();
                ArtifactRef source = pipeline.uploadSource(nonce);
                chat.answerDelay(SLOW_ANSWER);
                String runId = "restart-it-" + nonce;
                PipelineResult reference = InterruptedPipeline.await(InterruptedPipeline.start(client,
                        runId + "-reference", InterruptedPipeline.spec(source, referenceChat.baseUrl())));

                WorkflowStub run = InterruptedPipeline.start(client, runId,
                        InterruptedPipeline.spec(source, chat.baseUrl()));
                pipeline.awaitCommittedChunk(runId);
                TreeSet<String> interrupted = new TreeSet<>(InterruptedPipeline.LANGUAGES);
                interrupted.removeAll(pipeline.translatedLanguages(runId));
                assertFalse(interrupted.isEmpty(), "the restart came after every language had finished translating");
                long restartStarted = System.nanoTime();
                temporal.restart();
                long restartMillis = Duration.ofNanos(System.nanoTime() - restartStarted).toMillis();
                PipelineResult result = InterruptedPipeline.await(run);
                long finishedSeconds = Duration.ofNanos(System.nanoTime() - restartStarted).toSeconds();

                InterruptedPipeline.assertTranslatedAfresh(reference);
                InterruptedPipeline.assertTranslatedAfresh(result);
                assertEquals(pipeline.outputDigests(reference), pipeline.outputDigests(result));
                System.out.printf("TemporalRestartIT: Temporal restarted mid-translate of %s (down and up again in"
                                + " %d ms); run finished %d s after the restart began; %d answers for %d turns%n",
                        interrupted, restartMillis, finishedSeconds, InterruptedPipeline.answersServed(chat),
                        InterruptedPipeline.LANGUAGES.size() * InterruptedPipeline.SAMPLES * InterruptedPipeline.TURNS);
            } finally {
                worker.shutdown();
                worker.awaitTermination(10, TimeUnit.SECONDS);
                service.shutdownNow();
            }
        }
    }
}
