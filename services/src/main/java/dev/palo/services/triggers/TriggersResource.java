package dev.palo.services.triggers;

import dev.palo.services.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/triggers")
@Tag(name = "triggers", description = "Kafka trigger events that start runs")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class TriggersResource {
    @Inject
    TriggerStats stats;

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The trigger consumer's counters: events read, runs accepted, dead-lettered per reason, lag")
    public TriggerStats.Snapshot stats() {
        return stats.snapshot();
    }
}
