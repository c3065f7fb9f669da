package dev.palo.activities.support;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.SecretBindings;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.translation.translate.ChatClients;
import dev.palo.activities.worker.PaloActivities;
import dev.palo.activities.worker.PaloWorkers;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the pipeline ITs share: the running stack of {@code ./palo up}, a local chat endpoint and
 * an in-process worker with every activity, polling both task queues.
 */
public final class PipelineHarness implements AutoCloseable {
    public static final String EXPERIMENT = "palo-it";

    private final EmbeddedStack stack;
    private final FakeChatServer chat;
    private final WorkflowClient client;
    private final MinioObjectStore store;
    private final WorkerFactory worker;

    private PipelineHarness(EmbeddedStack stack, FakeChatServer chat, Path work, Map<String, String> workerEnv) {
        this.stack = stack;
        this.chat = chat;
        this.store = stack.objectStore();
        this.client = stack.workflowClient();
        WorkerSettings settings = new WorkerSettings(stack.settings.temporalAddress(), stack.settings.namespace(),
                List.of(TaskQueues.CPU, TaskQueues.GPU), EXPERIMENT, work,
                WorkerSettings.TEMPORAL_DEFAULT_SLOTS);
        this.worker = PaloWorkers.start(client, settings.taskQueues(), settings.gpuSlots(), PaloActivities.create(store, stack.tracker(),
                new ChatClients(new ApiKeys(workerEnv), Duration.ofMillis(20), Duration.ofMillis(200)), settings));
    }

    /**
     * Fails (never skips) when the stack is down; {@code secrets} are the worker's secrets by name, each
     * bound to the harness's chat endpoint, as an operator would configure them.
     */
    public static PipelineHarness start(Path work, Map<String, String> secrets) throws IOException {
        EmbeddedStack stack = EmbeddedStack.requireUp();
        FakeChatServer chat = new FakeChatServer();
        Map<String, String> env = new HashMap<>();
        secrets.forEach((name, value) -> {
            env.put(ApiKeys.ENV_PREFIX + name, value);
            env.merge(SecretBindings.BINDINGS, name + "=" + chat.baseUrl(), (a, b) -> a + ";" + b);
        });
        return new PipelineHarness(stack, chat, work, env);
    }

    /** As {@link #start(Path, Map)}, with the worker's environment as given (secret values and bindings). */
    public static PipelineHarness startWithEnvironment(Path work, Map<String, String> workerEnv) throws IOException {
        return new PipelineHarness(EmbeddedStack.requireUp(), new FakeChatServer(), work, workerEnv);
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public FakeChatServer chat() {
        return chat;
    }

    public WorkflowClient client() {
        return client;
    }

    public MinioObjectStore store() {
        return store;
    }

    @Override
    public void close() {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        chat.close();
        stack.close();
    }
}
