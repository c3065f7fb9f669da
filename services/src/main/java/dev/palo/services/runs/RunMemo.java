package dev.palo.services.runs;

import io.temporal.client.WorkflowExecutionMetadata;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runs list shows of a run without asking its workflow: the trigger, languages and data, written into the
 * pipeline workflow's memo at start. Memo fields travel with the start event only (no workflow command), so they
 * change nothing a replay sees; runs started before the memo existed show blanks.
 */
final class RunMemo {
    static final String TRIGGER = "palo.trigger";
    static final String LANGUAGES = "palo.languages";
    static final String DATA = "palo.data";

    private RunMemo() {
    }

    static Map<String, Object> of(RunTrigger trigger, List<String> languages, String data) {
        Map<String, Object> memo = new LinkedHashMap<>();
        memo.put(TRIGGER, trigger.name());
        memo.put(LANGUAGES, String.join(",", languages));
        memo.put(DATA, data);
        return memo;
    }

    static String trigger(WorkflowExecutionMetadata run) {
        return run.getMemo(TRIGGER, String.class, String.class);
    }

    static List<String> languages(WorkflowExecutionMetadata run) {
        String codes = run.getMemo(LANGUAGES, String.class, String.class);
        return codes == null || codes.isEmpty() ? List.of() : Arrays.asList(codes.split(","));
    }

    static String data(WorkflowExecutionMetadata run) {
        return run.getMemo(DATA, String.class, String.class);
    }
}
