package dev.palo.services.datasets;

import dev.palo.services.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The validate stage's reports per source, and the records it quarantined. */
@Path("/api/validations")
@Tag(name = "datasets", description = "Source datasets in the object store")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class ValidationsResource {
    static final String JSON_LINES = "application/x-ndjson";

    @Inject
    Validations validations;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every validation report: source, records, accepted, quarantined per reason")
    public List<Validation> list() {
        return validations.all();
    }

    @GET
    @Path("{cacheKey}/quarantine")
    @Produces(JSON_LINES)
    @Operation(summary = "The quarantined records of one validation, one JSON line each with its reason")
    @APIResponse(responseCode = "404", description = "no such validation")
    public Response quarantine(@PathParam("cacheKey") String cacheKey) {
        InputStream in = validations.quarantine(cacheKey);
        StreamingOutput body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"quarantine-" + cacheKey + ".jsonl\"").build();
    }
}
