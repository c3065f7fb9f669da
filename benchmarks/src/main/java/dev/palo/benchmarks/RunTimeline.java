package dev.palo.benchmarks;

import dev.palo.activities.worker.WorkerSettings;
import dev.palo.workflows.TaskQueues;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run's timeline from its Temporal histories (the pipeline workflow and every child): each activity's queue wait
 * (scheduled → a worker took it) and work (taken → completed), the GPU lanes' work as a text Gantt, and the wait per
 * task queue and work class. Run from the repository root with the stack up:
 * <pre>
 * java -cp … dev.palo.benchmarks.RunTimeline RUN_ID [width=100]
 * </pre>
 * History keeps one started event per activity, the last attempt's: a retried activity's wait includes its earlier
 * attempts, so the figures count first attempts only and name the retried ones apart.
 */
public final class RunTimeline {
    /** The GPU activity types the workflows schedule as {@code WorkClass.SHORT}: translate, tune, bench answers. */
    private static final Set<String> SHORT_GPU_WORK = Set.of("Translate", "Tune", "GenerateAnswers");
    /** Temporal's key for work that sets none. */
    private static final int DEFAULT_PRIORITY_KEY = 3;

    /** One activity: where it ran, when it was scheduled, taken and ended, its attempts. */
    record Span(String workflowId, String activity, String taskQueue, int priorityKey, Instant scheduled,
                Instant started, Instant ended, int attempt) {
        Duration waited() {
            return Duration.between(scheduled, started);
        }

        Duration worked() {
            return Duration.between(started, ended);
        }

        /**
         * Short GPU work or long training, by the activity's type rather than its priority key: a run made with every
         * key alike (the timeline before work classes, or a deployment that schedules without priority) still splits.
         */
        String workClass() {
            return !TaskQueues.isGpu(taskQueue) ? "" : SHORT_GPU_WORK.contains(activity) ? "short" : "long";
        }
    }

    private RunTimeline() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: RunTimeline RUN_ID [width]");
            System.exit(2);
        }
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        History history = history(client(WorkerSettings.fromEnvironment(System.getenv())), args[0]);
        System.out.print(gantt(history.spans(), history.start(), history.end(), width));
        System.out.print(summary(history.spans(), history.wall()));
        System.out.print(overhead(history.spans(), history.workflowTasks(), history.wall()));
        Duration idle = idle(history.spans(), history.start(), history.end());
        System.out.printf(Locale.ROOT, "no activity running: %.1f s (%.2f%% of the wall time)%n", seconds(idle),
                100 * seconds(idle) / Math.max(1e-9, seconds(history.wall())));
    }

    /** A run's activities and workflow-task time over the pipeline workflow and every child, and its start and end. */
    record History(List<Span> spans, Duration workflowTasks, Instant start, Instant end) {
        Duration wall() {
            return Duration.between(start, end);
        }
    }

    static WorkflowClient client(WorkerSettings settings) {
        return WorkflowClient.newInstance(WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.temporalAddress()).build()),
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }

    /** Walks the run's workflow and its children's histories (OrchestrationRow reads the same). */
    static History history(WorkflowClient client, String runId) {
        List<Span> spans = new ArrayList<>();
        Duration workflowTasks = Duration.ZERO;
        Deque<String> workflows = new ArrayDeque<>(List.of(runId));
        Instant start = null;
        Instant end = null;
        while (!workflows.isEmpty()) {
            String workflowId = workflows.pop();
            List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
            if (workflowId.equals(runId)) {
                start = time(events.get(0));
                end = time(events.get(events.size() - 1));
            }
            spans.addAll(spans(workflowId, events));
            workflowTasks = workflowTasks.plus(workflowTaskTime(events));
            events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
                    .forEach(e -> workflows.add(
                            e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId()));
        }
        return new History(spans, workflowTasks, start, end);
    }

    /** Time the run's workflow tasks took, scheduled to completed: Temporal's and the workers' share of the run. */
    static Duration workflowTaskTime(List<HistoryEvent> events) {
        Map<Long, Instant> scheduled = new HashMap<>();
        Duration total = Duration.ZERO;
        for (HistoryEvent event : events) {
            if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
                scheduled.put(event.getEventId(), time(event));
            } else if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
                Instant from = scheduled.get(event.getWorkflowTaskCompletedEventAttributes().getScheduledEventId());
                if (from != null) {
                    total = total.plus(Duration.between(from, time(event)));
                }
            }
        }
        return total;
    }

    /**
     * Orchestration's cost beside the run's wall time: the CPU queue's schedule-to-start latencies (its work never
     * waits for a lane, so any wait is Temporal's and the workers' polling) and the workflow tasks' time. Both are
     * sums over work that partly overlaps, so they bound the share from above.
     */
    static String overhead(List<Span> spans, Duration workflowTasks, Duration wall) {
        double cpuWaits = cpuWaitSeconds(spans);
        double wallSeconds = Math.max(1e-9, seconds(wall));
        return String.format(Locale.ROOT, "orchestration: palo-cpu schedule-to-start %.1f s (%.2f%% of the wall time),"
                        + " workflow tasks %.1f s (%.2f%%)%n", cpuWaits, 100 * cpuWaits / wallSeconds,
                seconds(workflowTasks), 100 * seconds(workflowTasks) / wallSeconds);
    }

    /**
     * Time between the run's start and end in which none of its activities was executing (every queue, every attempt):
     * the run's critical path spent outside activities, on workflow tasks, schedule-to-start waits and the handover
     * between stages. Unlike the sums above it never counts overlapping work twice, so it is the delay orchestration
     * adds to this run (plus any wait no activity stands for, such as a timer).
     */
    static Duration idle(List<Span> spans, Instant start, Instant end) {
        List<Span> byStart = spans.stream().sorted(Comparator.comparing(Span::started)).toList();
        Duration busy = Duration.ZERO;
        Instant covered = start;
        for (Span span : byStart) {
            Instant from = span.started().isAfter(covered) ? span.started() : covered;
            Instant to = span.ended().isBefore(end) ? span.ended() : end;
            if (to.isAfter(from)) {
                busy = busy.plus(Duration.between(from, to));
                covered = to;
            }
        }
        return Duration.between(start, end).minus(busy);
    }

    /** The palo-cpu queue's schedule-to-start latencies, first attempts only, summed. */
    static double cpuWaitSeconds(List<Span> spans) {
        return spans.stream().filter(span -> TaskQueues.CPU.equals(span.taskQueue()) && span.attempt() == 1)
                .mapToDouble(span -> seconds(span.waited())).sum();
    }

    /** The completed activities of one workflow's history. */
    static List<Span> spans(String workflowId, List<HistoryEvent> events) {
        Map<Long, HistoryEvent> scheduled = new HashMap<>();
        Map<Long, HistoryEvent> started = new HashMap<>();
        List<Span> spans = new ArrayList<>();
        for (HistoryEvent event : events) {
            switch (event.getEventType()) {
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> scheduled.put(event.getEventId(), event);
                case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
                        started.put(event.getActivityTaskStartedEventAttributes().getScheduledEventId(), event);
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                    long id = event.getActivityTaskCompletedEventAttributes().getScheduledEventId();
                    HistoryEvent taken = started.get(id);
                    ActivityTaskScheduledEventAttributes what = scheduled.get(id)
                            .getActivityTaskScheduledEventAttributes();
                    int key = what.getPriority().getPriorityKey();
                    spans.add(new Span(workflowId, what.getActivityType().getName(), what.getTaskQueue().getName(),
                            key == 0 ? DEFAULT_PRIORITY_KEY : key, time(scheduled.get(id)), time(taken), time(event),
                            taken.getActivityTaskStartedEventAttributes().getAttempt()));
                }
                default -> {
                }
            }
        }
        return spans;
    }

    /** The GPU lanes' activities, one row each in the order scheduled: {@code .} queued, {@code #} working. */
    static String gantt(List<Span> spans, Instant start, Instant end, int width) {
        double seconds = Math.max(1, Duration.between(start, end).toMillis() / 1000.0);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "GPU lane work of the run, %.0f s wide (. waiting for a lane, # on a lane)%n", seconds));
        spans.stream().filter(span -> TaskQueues.isGpu(span.taskQueue()))
                .sorted(Comparator.comparing(Span::scheduled)).forEach(span -> {
                    char[] row = " ".repeat(width).toCharArray();
                    int from = column(span.scheduled(), start, seconds, width);
                    int taken = column(span.started(), start, seconds, width);
                    int to = Math.max(taken + 1, column(span.ended(), start, seconds, width));
                    for (int i = from; i < Math.min(width, to); i++) {
                        row[i] = i < taken ? '.' : '#';
                    }
                    String label = span.activity() + " " + suffix(span.workflowId());
                    text.append(String.format(Locale.ROOT, "%-34.34s |%s| %s %5.0f s wait %5.0f s work%n", label,
                            new String(row), span.workClass(), seconds(span.waited()), seconds(span.worked())));
                });
        return text.toString();
    }

    /** Queue wait per task queue and work class, first attempts only, against the work it waited for. */
    static String summary(List<Span> spans, Duration wall) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "run wall time %.1f s%n",
                seconds(wall)));
        Map<String, List<Span>> groups = new java.util.TreeMap<>();
        for (Span span : spans) {
            String group = span.taskQueue() + (span.workClass().isEmpty() ? "" : " " + span.workClass());
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(span);
        }
        text.append(String.format("%-18s %6s %8s %10s %10s %10s %10s %9s%n", "queue", "count", "retried",
                "wait sum s", "median s", "p99 s", "work sum s", "wait/work"));
        groups.forEach((group, members) -> {
            List<Span> first = members.stream().filter(span -> span.attempt() == 1).toList();
            List<Double> waits = first.stream().map(span -> seconds(span.waited())).sorted().toList();
            double waited = waits.stream().mapToDouble(Double::doubleValue).sum();
            double worked = first.stream().mapToDouble(span -> seconds(span.worked())).sum();
            text.append(String.format(Locale.ROOT, "%-18s %6d %8d %10.1f %10.3f %10.3f %10.1f %8.1f%%%n", group,
                    members.size(), members.size() - first.size(), waited, percentile(waits, 0.5),
                    percentile(waits, 0.99), worked, worked == 0 ? 0 : 100 * waited / worked));
        });
        return text.toString();
    }

    private static double percentile(List<Double> sorted, double share) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(share * sorted.size())));
    }

    private static int column(Instant time, Instant start, double seconds, int width) {
        return (int) Math.max(0, Math.min(width - 1, Duration.between(start, time).toMillis() / 1000.0 / seconds * width));
    }

    /** What tells a run's workflows apart: the language or child after the run id. */
    private static String suffix(String workflowId) {
        int dash = workflowId.lastIndexOf('-');
        return dash < 0 ? workflowId : workflowId.substring(dash + 1);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Instant time(HistoryEvent event) {
        return Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
    }
}
