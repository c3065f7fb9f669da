package dev.palo.services.review;

import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.review.ReviewItem;
import dev.palo.activities.review.StoredDecision;
import dev.palo.activities.review.ReviewRejectedException;
import dev.palo.services.api.ApiError;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.services.auth.Caller;
import dev.palo.services.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Human review of one language of a run, over {@link ReviewClient}: the workflow holds the state. */
@Path("/api/runs/{id}/languages/{language}/review")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "review", description = "Human review of sampled translations")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class ReviewResource {
    /** The workflow refused the decision: unknown task, review closed, CORRECT without text… */
    private static final int REFUSED = 422;

    @Inject
    ReviewClient reviews;
    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Review state, counts and pending task ids of one language")
    @APIResponse(responseCode = "404", description = "no such run or language")
    public ReviewStatus status(@PathParam("id") String id, @PathParam("language") String language) {
        caller.requireReadable(language);
        return reviews.status(id, language);
    }

    @GET
    @Path("tasks")
    @Operation(summary = "Every task with its English and translated text; empty until the review opens")
    public List<ReviewItem> tasks(@PathParam("id") String id, @PathParam("language") String language) {
        caller.requireReadable(language);
        return reviews.tasks(id, language);
    }

    @GET
    @Path("tasks/{taskId}")
    @Operation(summary = "One task with its texts")
    public ReviewItem task(@PathParam("id") String id, @PathParam("language") String language,
                           @PathParam("taskId") String taskId) {
        caller.requireReadable(language);
        return reviews.task(id, language, taskId).orElseThrow(() -> new NotFoundException(
                "no review task '" + taskId + "' in the " + language + " review of run " + id));
    }

    @GET
    @Path("tasks/{taskId}/versions")
    @Operation(summary = "Every stored version of a task's decision, oldest first: reviewer, verdict, corrected text")
    @APIResponse(responseCode = "404", description = "no such run, language or task")
    public List<StoredDecision> versions(@PathParam("id") String id, @PathParam("language") String language,
                                         @PathParam("taskId") String taskId) {
        task(id, language, taskId);
        return reviews.versions(id, language, taskId);
    }

    @POST
    @Path("tasks/{taskId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide a task; answered once the workflow has stored the decision",
            description = "The reviewer is the caller's token (an admin, or a reviewer of this language), never a name"
                    + " in the body; the workflow's validator refuses a language the token does not allow.")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @APIResponse(responseCode = "422", description = "the workflow refused the decision; the error says why")
    public ReviewReceipt decide(@PathParam("id") String id, @PathParam("language") String language,
                                @PathParam("taskId") String taskId, DecisionRequest decision) {
        if (decision == null) {
            throw new BadRequestException("the request body must be a decision: {verdict, corrected}");
        }
        caller.requireReviewerOf(language);
        return reviews.submit(id, new ReviewDecision(taskId, language, caller.name(), decision.verdict(),
                decision.corrected(), caller.reviewLanguages()));
    }

    @ServerExceptionMapper
    public Response refused(ReviewRejectedException e) {
        return Response.status(REFUSED).type(MediaType.APPLICATION_JSON).entity(new ApiError(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response missing(NoSuchElementException e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.getMessage())).build();
    }
}
