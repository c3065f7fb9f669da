package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.translation.base.TranslatorBundles;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.translate.TranslateRequest;
import dev.palo.workflows.translation.translate.TranslatorRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translate stage with the local translator model on the servers of {@code ./palo up}: the
 * bundle and the source in the S3 store, the stage run by Temporal on a worker of this test's own
 * task queue; the output stored chunk by chunk with its manifest, with the samples' structure kept.
 */
class TranslateLocalBackendIT {
    private static final int SAMPLES = 5;
    private static final int CHUNK = 2;

    @TempDir
    Path work;

    @Test
    void translatesWithTheLocalModelThroughTemporalIntoTheStoreKeepingEverySamplesStructure() throws Exception {
        String nonce = UUID.randomUUID().toString();
        String queue = "translate-local-it-" + nonce;
        String prefix = "it/translate-local/" + nonce + "/";
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            MinioObjectStore store = stack.objectStore();
            List<LlavaRecord> english = LlavaSamples.records(SAMPLES).stream()
                    .map(r -> LlavaRecord.of(nonce + "-" + r.id(), r.image(), r.conversations())).toList();
            ArtifactRef source = store.put(prefix + "english.json", LlavaSamples.json(english), "application/json",
                    english.size());
            ArtifactRef bundle;
            try (LocalTranslator translator = TinyTranslator.load()) {
                bundle = new TranslatorBundles(store, work.resolve("upload")).upload(prefix + "translator",
                        translator, "test");
            }
            WorkflowClient client = stack.workflowClient();
            WorkerFactory factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(queue);
            worker.registerWorkflowImplementationTypes(TranslateStageWorkflow.Impl.class);
            worker.registerActivitiesImplementations(new TranslateActivitiesImpl(store, new RecordingTracker(),
                    new ChatClients(new ApiKeys(Map.of()), Duration.ofMillis(5), Duration.ofMillis(50)),
                    work.resolve("worker")));
            factory.start();
            try {
                TranslateRequest request = new TranslateRequest("it-local-" + nonce, new TargetLanguage("hi", "Hindi"),
                        source, TranslateConfig.endpoint("http://127.0.0.1:9/v1", "unused").chunkSize(CHUNK)
                                .concurrency(2).rateLimits(60, 1000).maxAttempts(1).build(),
                        "stage-run", TranslatorRef.local("tiny", bundle));

                StageResult result = stage(client, queue, "translate-" + nonce).translate(request);
                StageResult again = stage(client, queue, "translate-again-" + nonce).translate(
                        new TranslateRequest(request.runId() + "-again", request.language(), source, request.config(),
                                request.trackingRunId(), request.translator()));

                assertFalse(result.cacheHit());
                assertTrue(again.cacheHit(), "the same bundle, source and language are the same stage");
                assertEquals(result.output(), again.output());
                String outputKey = key(stack, result.output());
                String stagePrefix = outputKey.substring(0, outputKey.lastIndexOf('/') + 1);
                List<String> keys = store.list(stagePrefix);
                assertTrue(keys.contains(stagePrefix + "manifest.json"), keys.toString());
                assertEquals((SAMPLES + CHUNK - 1) / CHUNK, keys.stream().filter(k -> k.contains("/chunks/")).count(),
                        keys.toString());
                assertStructureKept(english, read(store, result.output()));
            } finally {
                factory.shutdownNow();
            }
        }
    }

    private static TranslateStageWorkflow stage(WorkflowClient client, String queue, String workflowId) {
        return client.newWorkflowStub(TranslateStageWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).setTaskQueue(queue)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(3)).build());
    }

    private static void assertStructureKept(List<LlavaRecord> english, List<LlavaRecord> translated) {
        assertEquals(english.size(), translated.size());
        for (int i = 0; i < english.size(); i++) {
            LlavaRecord in = english.get(i);
            LlavaRecord out = translated.get(i);
            assertEquals(in.id(), out.id());
            assertEquals(in.image(), out.image());
            assertEquals("hi", out.language());
            assertEquals(in.conversations(), out.englishConversations());
            assertEquals(in.conversations().size(), out.conversations().size());
            for (int t = 0; t < in.conversations().size(); t++) {
                Turn source = in.conversations().get(t);
                Turn target = out.conversations().get(t);
                assertEquals(source.from(), target.from());
                assertEquals(placeholders(source.value()), placeholders(target.value()), target.value());
                if (source.value().startsWith(Turn.IMAGE_TOKEN + "\n")) {
                    assertTrue(target.value().startsWith(Turn.IMAGE_TOKEN + "\n"), target.value());
                }
                if (source.value().endsWith("\n" + Turn.IMAGE_TOKEN)) {
                    assertTrue(target.value().endsWith("\n" + Turn.IMAGE_TOKEN), target.value());
                }
            }
        }
    }

    private static long placeholders(String text) {
        return text.split(java.util.regex.Pattern.quote(Turn.IMAGE_TOKEN), -1).length - 1L;
    }

    private static List<LlavaRecord> read(MinioObjectStore store, ArtifactRef ref) throws Exception {
        try (InputStream in = store.open(ref); LlavaJsonReader reader = new LlavaJsonReader(in, ref.uri())) {
            return reader.stream().toList();
        }
    }

    private static String key(EmbeddedStack stack, ArtifactRef ref) {
        return ref.uri().substring(("s3://" + stack.s3.bucket() + "/").length());
    }
}
