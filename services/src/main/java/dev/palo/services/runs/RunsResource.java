package dev.palo.services.runs;

import dev.palo.services.auth.Caller;
import dev.palo.services.auth.Roles;
import dev.palo.services.auth.RunStartLimiter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/runs")
@Tag(name = "runs", description = "PALO pipeline runs")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class RunsResource {
    private static final int MAX_LIST = 1000;

    @Inject
    RunCommands commands;
    @Inject
    RunQueries queries;
    @Inject
    RunReports reports;
    @Inject
    Caller caller;
    @Inject
    RunStartLimiter starts;
    @Inject
    RunCatalog catalog;
    @Inject
    RunRetries retries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a pipeline run", description = "Checks languages and source first; a bad request starts nothing.")
    @APIResponse(responseCode = "201", description = "started; Location is the run")
    @APIResponse(responseCode = "400", description = "unknown language, missing source, invalid settings")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response start(StartRunRequest request) {
        starts.acquire(caller.name());
        return created(commands.start(request));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List pipeline runs, newest first", description = "Each with its trigger, languages, data and,"
            + " once it has a report, the PALO arm's Avg.H / Avg.L; filtered by status and target language")
    public List<RunSummary> list(@QueryParam("limit") @DefaultValue("50") @Parameter(description = "1 to 1000")
                                 String limit,
                                 @QueryParam("status") @Parameter(description = "RUNNING, COMPLETED, FAILED…")
                                 String status,
                                 @QueryParam("language") @Parameter(description = "a target language code")
                                 String language) {
        int count = ListLimits.parse(limit, MAX_LIST);
        return catalog.list(count, status, language);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A run with per-language, per-stage status and progress")
    @APIResponse(responseCode = "404", description = "no such run")
    public RunDetail get(@PathParam("id") String id) {
        return queries.read(id);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The same progress as terminal lines (what `palo run` shows)")
    public String progressText(@PathParam("id") String id) {
        return ProgressText.render(queries.read(id));
    }

    @GET
    @Path("{id}/report")
    @Produces("text/markdown")
    @Operation(summary = "The paper's Table 1 for a completed run that trained and evaluated both arms")
    @APIResponse(responseCode = "404", description = "no such run, or the run evaluated nothing")
    @APIResponse(responseCode = "409", description = "the run has not completed")
    public byte[] reportMarkdown(@PathParam("id") String id) {
        return reports.read(id, RunReports.MARKDOWN_NAME);
    }

    @GET
    @Path("{id}/report")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Table 1 as JSON: per-language scores of each arm, Avg.H, Avg.L, Avg. and the delta row")
    public byte[] reportJson(@PathParam("id") String id) {
        return reports.read(id, RunReports.JSON_NAME);
    }

    @POST
    @Path("{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a running run and its language workflows")
    @APIResponse(responseCode = "202", description = "cancellation requested")
    @APIResponse(responseCode = "404", description = "no such run")
    @APIResponse(responseCode = "409", description = "the run has already ended")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response cancel(@PathParam("id") String id) {
        commands.cancel(id);
        return Response.accepted(queries.read(id)).build();
    }

    @POST
    @Path("{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a run that ended FAILED, CANCELED, TERMINATED or TIMED_OUT again",
            description = "A new run with the same request; its retry field names the original and who asked."
                    + " Stages whose inputs did not change are cache hits.")
    @APIResponse(responseCode = "201", description = "started; Location is the new run")
    @APIResponse(responseCode = "404", description = "no such run")
    @APIResponse(responseCode = "409", description = "the run is still running or completed")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response retry(@PathParam("id") String id) {
        return created(retries.retry(id));
    }

    /** 201 with the new run's URL and its view. */
    private Response created(String runId) {
        return Response.created(UriBuilder.fromResource(RunsResource.class).path(runId).build())
                .entity(queries.read(runId)).build();
    }
}
