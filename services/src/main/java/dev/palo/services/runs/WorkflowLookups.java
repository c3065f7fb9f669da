package dev.palo.services.runs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.ws.rs.NotFoundException;
import java.util.function.Supplier;

/** A call to one workflow whose absence is the API's 404 ("no run …", "no study …"), not a 500. */
public final class WorkflowLookups {
    private WorkflowLookups() {
    }

    public static <T> T found(String kind, String workflowId, Supplier<T> call) {
        try {
            return call.get();
        } catch (WorkflowNotFoundException e) {
            throw new NotFoundException("no " + kind + " " + workflowId);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new NotFoundException("no " + kind + " " + workflowId);
            }
            throw e;
        }
    }
}
