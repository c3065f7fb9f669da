package dev.palo.services.runs;

import dev.palo.workflows.GpuScheduling;
import dev.palo.workflows.events.TriggerInfo;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DataConverterException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runs list shows of a run without asking its workflow: the trigger, languages and data, written into the
 * pipeline workflow's memo at start (and into a study's, with its seeds: {@code StudyMemo}), beside the deployment's
 * {@link GpuScheduling} that the run's workflows read. Memo fields travel with the start event only (no workflow
 * command), so they change nothing a replay sees; runs started before the memo existed show blanks.
 */
public final class RunMemo {
    /** Who or what started the run (API, CLI, DASHBOARD, EVENT); an event's details are TriggerInfo's own memo key. */
    static final String TRIGGER = "palo.startedBy";
    static final String LANGUAGES = "palo.languages";
    static final String DATA = "palo.data";
    /** The run a retry runs again, and who asked for it. */
    static final String RETRY_OF = "palo.retryOf";
    static final String RETRIED_BY = "palo.retriedBy";

    private RunMemo() {
    }

    static Map<String, Object> of(RunTrigger trigger, List<String> languages, String data, GpuScheduling scheduling) {
        Map<String, Object> memo = new LinkedHashMap<>();
        memo.put(TRIGGER, trigger.name());
        memo.put(LANGUAGES, String.join(",", languages));
        memo.put(DATA, data);
        memo.putAll(scheduling.memo());
        return memo;
    }

    /**
     * A retry's memo: the original's fields (trigger, languages, data, an event's details) and the retry, under the
     * deployment's GPU scheduling of now.
     */
    static Map<String, Object> retried(WorkflowExecutionDescription original, RunRetry retry,
                                       GpuScheduling scheduling) {
        Map<String, Object> memo = new LinkedHashMap<>();
        putIfPresent(memo, TRIGGER, trigger(original));
        putIfPresent(memo, LANGUAGES, text(original, LANGUAGES));
        putIfPresent(memo, DATA, data(original));
        putIfPresent(memo, TriggerInfo.MEMO_KEY, event(original));
        memo.put(RETRY_OF, retry.of());
        memo.put(RETRIED_BY, retry.by());
        memo.putAll(scheduling.memo());
        return memo;
    }

    private static void putIfPresent(Map<String, Object> memo, String key, Object value) {
        if (value != null) {
            memo.put(key, value);
        }
    }

    /** The run this one retries and who asked; null for a run that is no retry. */
    static RunRetry retry(WorkflowExecutionMetadata run) {
        String of = text(run, RETRY_OF);
        return of == null ? null : new RunRetry(of, text(run, RETRIED_BY));
    }

    public static String trigger(WorkflowExecutionMetadata run) {
        return text(run, TRIGGER);
    }

    public static List<String> languages(WorkflowExecutionMetadata run) {
        String codes = text(run, LANGUAGES);
        return codes == null || codes.isEmpty() ? List.of() : Arrays.asList(codes.split(","));
    }

    public static String data(WorkflowExecutionMetadata run) {
        return text(run, DATA);
    }

    /** A memo field as text; null when absent or written in another shape (by another version of the app). */
    public static String text(WorkflowExecutionMetadata run, String key) {
        try {
            return run.getMemo(key, String.class, String.class);
        } catch (DataConverterException e) {
            return null;
        }
    }

    /** The trigger of a run an event started; null for other runs, and for a memo of another shape. */
    static TriggerInfo event(WorkflowExecutionDescription run) {
        try {
            return run.getMemo(TriggerInfo.MEMO_KEY, TriggerInfo.class, TriggerInfo.class);
        } catch (DataConverterException e) {
            return null;
        }
    }
}
