package dev.palo.services.runs;

import dev.palo.activities.worker.WorkerSettings;
import dev.palo.workflows.events.TriggerInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The trigger's kind and event id as Temporal search attributes, beside the memo, so that
 * {@code temporal workflow list --query "PaloTriggerKind = 'corrections.added'"} finds the runs of a kind and
 * {@code PaloTriggerEventId = '<key>'} the run of an event. The app registers both (Keyword) in its namespace at start;
 * where that fails (a server that refuses it, no operator rights) runs start without them, never not at all: a start
 * naming an attribute the namespace lacks would be refused by Temporal and retried forever.
 */
@ApplicationScoped
public class RunSearchAttributes {
    public static final SearchAttributeKey<String> KIND = SearchAttributeKey.forKeyword("PaloTriggerKind");
    public static final SearchAttributeKey<String> EVENT_ID = SearchAttributeKey.forKeyword("PaloTriggerEventId");
    private static final Logger LOG = Logger.getLogger(RunSearchAttributes.class);

    @Inject
    WorkflowServiceStubs temporal;
    @Inject
    WorkerSettings settings;

    private volatile boolean registered;

    /** Registers the attributes in the app's namespace if they are missing; true when the namespace has them. */
    public boolean register() {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(temporal.getRawChannel()).validateAndBuildWithDefaults());
        String namespace = settings.namespace();
        try {
            Set<String> existing = operator.blockingStub().listSearchAttributes(ListSearchAttributesRequest
                    .newBuilder().setNamespace(namespace).build()).getCustomAttributesMap().keySet();
            if (!existing.containsAll(Set.of(KIND.getName(), EVENT_ID.getName()))) {
                operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                        .setNamespace(namespace)
                        .putAllSearchAttributes(Map.of(KIND.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                                EVENT_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)).build());
            }
            registered = true;
        } catch (StatusRuntimeException e) {
            registered = e.getStatus().getCode() == Status.Code.ALREADY_EXISTS;
            if (!registered) {
                LOG.warnf("search attributes %s, %s not registered in namespace %s (%s): triggered runs carry their"
                        + " trigger in the memo only", KIND.getName(), EVENT_ID.getName(), namespace, e.getStatus());
            }
        } finally {
            operator.shutdown();
        }
        return registered;
    }

    /** The attributes of a run the trigger started; none where the namespace lacks them. */
    public SearchAttributes of(TriggerInfo trigger) {
        if (!registered) {
            return SearchAttributes.EMPTY;
        }
        return SearchAttributes.newBuilder().set(KIND, trigger.kind()).set(EVENT_ID, trigger.eventId()).build();
    }
}
