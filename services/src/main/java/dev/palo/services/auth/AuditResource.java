package dev.palo.services.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/audit")
@Tag(name = "audit", description = "Who changed what, when, with what result")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {
    @Inject
    AuditLog audit;

    @GET
    @Produces("application/x-ndjson")
    @Operation(summary = "A day's audit log (UTC), one JSON line per state-changing call; admin only")
    public String day(@QueryParam("date") String date) throws IOException {
        String day = date == null ? LocalDate.now(ZoneOffset.UTC).toString() : date;
        try {
            LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("query parameter date must be an ISO date (YYYY-MM-DD), got '"
                    + (day.length() > 20 ? day.substring(0, 20) + "…" : day) + "'");
        }
        return audit.day(day);
    }
}
