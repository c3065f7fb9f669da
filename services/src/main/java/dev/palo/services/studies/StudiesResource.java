package dev.palo.services.studies;

import dev.palo.activities.study.StudyActivitiesImpl;
import dev.palo.services.auth.Caller;
import dev.palo.services.auth.Roles;
import dev.palo.services.auth.RunStartLimiter;
import dev.palo.services.runs.ListLimits;
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

@Path("/api/studies")
@Tag(name = "studies", description = "A recipe over seeds, with paired bootstrap intervals for PALO − baseline")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class StudiesResource {
    static final int LISTED_MAX = 1_000;
    @Inject
    StudyCommands studies;
    @Inject
    Caller caller;
    @Inject
    RunStartLimiter starts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a study", description = "Checks the recipe as POST /api/runs does; a bad request"
            + " starts nothing. Each run of the study is a pipeline run of its own (listed with the runs).")
    @APIResponse(responseCode = "201", description = "started; Location is the study")
    @APIResponse(responseCode = "400", description = "a bad recipe, no training, a seed twice, too few resamples")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response start(StartStudyRequest request) {
        starts.acquire(caller.name());
        String id = studies.start(request);
        return Response.created(UriBuilder.fromResource(StudiesResource.class).path(id).build())
                .entity(studies.read(id)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest studies first: status, recipe (data, languages, baseline, bench) and seeds")
    public List<StudySummary> list(@QueryParam("limit") @DefaultValue("100") @Parameter(description = "1 to 1000")
                                   String limit) {
        return studies.list(ListLimits.parse(limit, LISTED_MAX));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A study with each run's seeds and state")
    @APIResponse(responseCode = "404", description = "no such study")
    public StudyView get(@PathParam("id") String id) {
        return studies.read(id);
    }

    @POST
    @Path("{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a running study", description = "Its running runs are cancelled with it; it starts"
            + " no other run and writes no report. Runs that completed keep their results (a new study of the same"
            + " recipe finds their stages in the cache).")
    @APIResponse(responseCode = "202", description = "cancellation requested")
    @APIResponse(responseCode = "404", description = "no such study")
    @APIResponse(responseCode = "409", description = "the study has already ended")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response cancel(@PathParam("id") String id) {
        studies.cancel(id);
        return Response.accepted(studies.read(id)).build();
    }

    @GET
    @Path("{id}/report")
    @Produces("text/markdown")
    @Operation(summary = "The study's tables: per metric, each arm's mean ± sd and PALO − baseline with its CI")
    @APIResponse(responseCode = "404", description = "no such study")
    @APIResponse(responseCode = "409", description = "the study has not completed")
    public byte[] reportMarkdown(@PathParam("id") String id) {
        return studies.report(id, StudyActivitiesImpl.MARKDOWN_NAME);
    }

    @GET
    @Path("{id}/report")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The study's figures as JSON (study.json), per run included")
    public byte[] reportJson(@PathParam("id") String id) {
        return studies.report(id, StudyActivitiesImpl.JSON_NAME);
    }
}
