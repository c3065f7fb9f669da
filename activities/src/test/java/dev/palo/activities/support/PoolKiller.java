package dev.palo.activities.support;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Kills ({@code kill -9}) one worker process of each pool at the moment Temporal says it runs an activity: it reads
 * the pending activities of the run's workflows ({@code DescribeWorkflowExecution}) and matches the identity of the
 * worker that started each one ({@code pid@host}, the SDK's default) to a process of a pool. A pool's kill waits
 * until its own condition holds, so that a test can place the kills in the run (e.g. a training stage that has been
 * running a while).
 */
public final class PoolKiller {
    /** A worker pool: its processes and when one of them may be killed. */
    public record Pool(String name, List<WorkerProcess> workers, Predicate<Seen> killWhen) {
    }

    /** A started activity as one poll saw it; {@code runningMillis} counts from this killer's first sight of it. */
    public record Seen(String workflowId, String activityId, String activityType, int attempt, long runningMillis) {
    }

    /** What was killed: the pool, the worker process and the activity it was running. */
    public record Kill(String pool, long pid, Seen activity) {
    }

    private final WorkflowClient client;
    private final List<Pool> pools;
    private final Map<String, Long> firstSeen = new LinkedHashMap<>();
    private final List<Kill> kills = new ArrayList<>();

    public PoolKiller(WorkflowClient client, List<Pool> pools) {
        this.client = client;
        this.pools = List.copyOf(pools);
    }

    /** Kills at most one worker of each pool that has none killed yet; returns true once every pool has one. */
    public boolean poll(List<String> workflowIds) throws InterruptedException {
        for (String workflowId : workflowIds) {
            for (PendingActivityInfo pending : pendingActivities(workflowId)) {
                if (pending.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
                    continue;
                }
                String key = workflowId + "/" + pending.getActivityId() + "/" + pending.getAttempt();
                long now = System.nanoTime();
                long since = firstSeen.computeIfAbsent(key, k -> now);
                Seen seen = new Seen(workflowId, pending.getActivityId(), pending.getActivityType().getName(),
                        pending.getAttempt(), (now - since) / 1_000_000);
                killHolder(pending.getLastWorkerIdentity(), seen);
            }
        }
        return kills.size() == pools.size();
    }

    public List<Kill> kills() {
        return List.copyOf(kills);
    }

    private void killHolder(String identity, Seen seen) throws InterruptedException {
        for (Pool pool : pools) {
            if (kills.stream().anyMatch(kill -> kill.pool().equals(pool.name())) || !pool.killWhen().test(seen)) {
                continue;
            }
            for (WorkerProcess worker : pool.workers()) {
                if (identity.startsWith(worker.pid() + "@")) {
                    int exit = worker.killHard();
                    if (exit != WorkerProcess.SIGKILL_EXIT) {
                        throw new AssertionError(pool.name() + " worker " + worker.pid() + " exited " + exit
                                + " instead of dying by SIGKILL");
                    }
                    kills.add(new Kill(pool.name(), worker.pid(), seen));
                    return;
                }
            }
        }
    }

    private List<PendingActivityInfo> pendingActivities(String workflowId) {
        try {
            return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                            .build()).getPendingActivitiesList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return List.of(); // not started yet
            }
            throw e;
        }
    }
}
