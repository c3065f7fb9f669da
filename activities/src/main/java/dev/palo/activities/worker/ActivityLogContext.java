package dev.palo.activities.worker;

import dev.palo.workflows.TargetLanguage;
import io.temporal.activity.ActivityInfo;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * Puts the run, language and stage of the running activity into the logging context (SLF4J's MDC; in the services
 * app the same as JBoss logging's) for the length of each attempt, so that every line it logs, a JSON line when
 * {@code PALO_LOG_FORMAT=json}, says which run, language and stage it belongs to. The run id and language come from
 * the request's {@code runId} and {@code language} components (every stage request has a run id; language stages
 * carry their language); the stage is the activity type. Only these identifiers enter the context, never a value a
 * request carries otherwise (a secret's name or an endpoint are not logged through it).
 */
public final class ActivityLogContext extends AroundActivities {
    public static final String RUN_ID = "run_id";
    public static final String LANGUAGE = "language";
    public static final String STAGE = "stage";
    public static final String WORKFLOW_ID = "workflow_id";
    public static final String ATTEMPT = "attempt";

    @Override
    protected Consumer<Ended> around(ActivityInfo info, Object[] arguments) {
        Map<String, String> fields = fields(info, arguments);
        fields.forEach(MDC::put);
        return ended -> fields.keySet().forEach(MDC::remove);
    }

    /** The context of one attempt: the request's run and language where it has them, else the workflow's id. */
    static Map<String, String> fields(ActivityInfo info, Object[] arguments) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(STAGE, info.getActivityType());
        fields.put(WORKFLOW_ID, info.getWorkflowId());
        fields.put(ATTEMPT, Integer.toString(info.getAttempt()));
        Object request = arguments.length > 0 ? arguments[0] : null;
        if (request != null && request.getClass().isRecord()) {
            for (RecordComponent component : request.getClass().getRecordComponents()) {
                Object value = read(component, request);
                if (component.getName().equals("runId") && value instanceof String runId) {
                    fields.put(RUN_ID, runId);
                } else if (component.getName().equals("language")) {
                    if (value instanceof TargetLanguage language) {
                        fields.put(LANGUAGE, language.code());
                    } else if (value instanceof String code) {
                        fields.put(LANGUAGE, code);
                    }
                }
            }
        }
        fields.putIfAbsent(RUN_ID, info.getWorkflowId());
        return fields;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // an accessor that cannot be read names nothing
        }
    }
}
