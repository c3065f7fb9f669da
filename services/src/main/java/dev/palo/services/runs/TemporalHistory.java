package dev.palo.services.runs;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/** Reads workflow inputs and activity arguments out of history events, with the SDK's converter. */
final class TemporalHistory {
    private static final DataConverter CONVERTER = DataConverter.getDefaultInstance();

    private TemporalHistory() {
    }

    /** The activity type Temporal records for an activity interface method. */
    static String activityType(Class<?> activityInterface, String method, Class<?>... parameters) {
        try {
            Method m = activityInterface.getMethod(method, parameters);
            return POJOActivityInterfaceMetadata.newInstance(activityInterface).getMethodMetadata(m).getActivityTypeName();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(activityInterface.getName() + " has no method " + method, e);
        }
    }

    /** The workflow's argument, from its first event. */
    static <T> T workflowInput(List<HistoryEvent> events, Class<T> type) {
        return argument(events.get(0).getWorkflowExecutionStartedEventAttributes().getInput(), 0, type);
    }

    static <T> T argument(Payloads payloads, int index, Class<T> type) {
        return CONVERTER.fromPayloads(index, Optional.of(payloads), type, type);
    }

    /** The result of a completed workflow, from its last event; empty while it runs or when it ended otherwise. */
    static <T> Optional<T> result(List<HistoryEvent> events, Class<T> type) {
        HistoryEvent last = events.get(events.size() - 1);
        return last.hasWorkflowExecutionCompletedEventAttributes()
                && last.getWorkflowExecutionCompletedEventAttributes().hasResult()
                ? Optional.of(argument(last.getWorkflowExecutionCompletedEventAttributes().getResult(), 0, type))
                : Optional.empty();
    }

    /** The failure message of a failed workflow's last event, or null. */
    static String failure(List<HistoryEvent> events) {
        HistoryEvent last = events.get(events.size() - 1);
        return last.hasWorkflowExecutionFailedEventAttributes()
                ? last.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage() : null;
    }
}
