package dev.palo.services.runs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * Calls to one workflow as the API answers them: its absence is a 404 ("no run …", "no study …"), not a 500; a
 * cancel of one that has ended is a 409.
 */
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

    /** Cancels the workflow while {@code status} (the API's status word) is RUNNING; otherwise a 409 naming it. */
    public static void cancelRunning(WorkflowClient client, String kind, String workflowId, String status) {
        if (!RunStatus.RUNNING.equals(status)) {
            throw new ClientErrorException(kind + " " + workflowId + " is already " + status, Response.Status.CONFLICT);
        }
        client.newUntypedWorkflowStub(workflowId).cancel();
    }
}
