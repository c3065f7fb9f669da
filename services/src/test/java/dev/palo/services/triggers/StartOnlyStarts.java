package dev.palo.services.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.events.TriggerInfo;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.util.Map;

/**
 * A {@link TriggerLoop.Handler} that starts each event's run start-only: the run id from the event's kind and key
 * ({@link TriggerPlanner#runId}) and the trigger path's id policies, on a task queue that no worker polls, so no
 * pipeline executes. For the benchmark and the crash tests, which exercise the loop and Temporal's dedup, not the
 * planner (TriggersIT covers that).
 */
final class StartOnlyStarts implements TriggerLoop.Handler {
    static final String WORKFLOW_TYPE = "PaloPipelineWorkflow";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told of every event Temporal answered for (started or joined), after the answer. */
    @FunctionalInterface
    interface Answered {
        void answered(JsonNode event, String runId, String position);
    }

    private final WorkflowClient client;
    private final String taskQueue;
    private final Answered answered;

    StartOnlyStarts(WorkflowClient client, String taskQueue, Answered answered) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.answered = answered;
    }

    @Override
    public void handle(byte[] value, String position) {
        JsonNode event = parse(value);
        String kind = event.path("kind").asText();
        String key = event.path("idempotencyKey").asText();
        String runId = TriggerPlanner.runId(kind, key);
        WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setMemo(Map.of(TriggerInfo.MEMO_KEY, new TriggerInfo(key, kind, "start-only", position))).build();
        try {
            client.newUntypedWorkflowStub(WORKFLOW_TYPE, options).start(Map.of("startOnly", true));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // the run of this key exists (closed already): the event joins it
        }
        answered.answered(event, runId, position);
    }

    /** A trigger event as the start-only tests send it: kind language.added, for {@code key}. */
    static byte[] event(String key, Map<String, Object> extra) {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("schemaVersion", 1, "idempotencyKey", key,
                "kind", TriggerKinds.LANGUAGE_ADDED, "producer", "start-only", "language", "fr"));
        fields.putAll(extra);
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new PoisonEvent(PoisonEvent.NOT_JSON, e.getMessage());
        }
    }
}
