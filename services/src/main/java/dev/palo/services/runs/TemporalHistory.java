package dev.palo.services.runs;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import java.util.Optional;

/** Decodes Temporal payloads (heartbeat details) and a failed workflow's message. */
final class TemporalHistory {
    private static final DataConverter CONVERTER = DataConverter.getDefaultInstance();

    private TemporalHistory() {
    }

    /** A payload's argument {@code index} (activity heartbeat details), decoded with the SDK's converter. */
    static <T> T argument(Payloads payloads, int index, Class<T> type) {
        return CONVERTER.fromPayloads(index, Optional.of(payloads), type, type);
    }

    /** The failure message of a failed workflow's last event, or null. */
    static String failure(List<HistoryEvent> events) {
        HistoryEvent last = events.get(events.size() - 1);
        return last.hasWorkflowExecutionFailedEventAttributes()
                ? last.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage() : null;
    }
}
