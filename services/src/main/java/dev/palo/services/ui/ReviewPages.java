package dev.palo.services.ui;

import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.review.ReviewItem;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import dev.palo.services.auth.Caller;
import dev.palo.services.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A reviewer works one language's queue, one task at a time. Decisions go through {@link ReviewClient}, the same
 * validated Temporal update as {@code POST …/review/tasks/{taskId}/decision}; a refusal shows the workflow's reason.
 */
@Path("/runs/{id}/review/{language}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class ReviewPages {
    @Inject
    ReviewClient reviews;
    @Inject
    ErrorPages errors;
    @Inject
    Caller caller;
    @Location("review.html")
    Template page;
    @Location("review-task.html")
    Template task;
    @Location("review-versions.html")
    Template versions;

    /**
     * @param item    the task on screen, null when nothing is pending
     * @param rtl     the language is written right to left
     * @param notice  the outcome of the last decision
     * @param closesAt the review's deadline, null before it opened
     * @param decidedTaskIds tasks with at least one decision, whose versions the page lists
     */
    public record ReviewView(String runId, String language, boolean rtl, ReviewStatus status, ReviewItem item,
                             String notice, Instant closesAt, List<String> decidedTaskIds) {
        public int percent() {
            return status.required() == 0 ? 100 : Math.min(100, 100 * status.decided() / status.required());
        }
    }

    @GET
    public TemplateInstance open(@PathParam("id") String id, @PathParam("language") String language) {
        caller.requireReadable(language);
        return page.data("review", view(id, language, null));
    }

    @POST
    @Path("tasks/{taskId}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    public TemplateInstance decide(@PathParam("id") String id, @PathParam("language") String language,
                                   @PathParam("taskId") String taskId, @RestForm String verdict,
                                   @RestForm List<String> from, @RestForm List<String> value) {
        caller.requireReviewerOf(language);
        ReviewVerdict decided;
        try {
            decided = ReviewVerdict.valueOf(verdict);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadRequestException("verdict must be ACCEPT, CORRECT or REJECT, got " + verdict);
        }
        List<ReviewTurn> corrected = null;
        if (decided == ReviewVerdict.CORRECT) {
            if (from == null || value == null || from.size() != value.size()) {
                throw new BadRequestException("a correction needs every turn's text");
            }
            corrected = new ArrayList<>();
            for (int i = 0; i < from.size(); i++) {
                corrected.add(new ReviewTurn(from.get(i), value.get(i)));
            }
        }
        // who decides is the verified token, never a form field
        reviews.submit(id, new ReviewDecision(taskId, language, caller.name(), decided, corrected,
                caller.reviewLanguages()));
        return task.data("review", view(id, language, taskId + ": " + decided.name().toLowerCase() + " stored"));
    }

    /** The versions of one task's decision, oldest first, as the review page's history shows them. */
    @GET
    @Path("tasks/{taskId}/versions")
    public TemplateInstance versions(@PathParam("id") String id, @PathParam("language") String language,
                                     @PathParam("taskId") String taskId) {
        boolean rtl = LanguageRegistry.palo().find(language).map(l -> l.isRightToLeft()).orElse(false);
        return versions.data("versions", reviews.versions(id, language, taskId)).data("rtl", rtl)
                .data("language", language);
    }

    private ReviewView view(String id, String language, String notice) {
        ReviewStatus status = reviews.status(id, language);
        List<ReviewItem> tasks = reviews.tasks(id, language);
        Set<String> pending = new HashSet<>(status.pendingTaskIds());
        ReviewItem item = tasks.stream().filter(task -> !status.pendingTaskIds().isEmpty()
                && task.taskId().equals(status.pendingTaskIds().get(0))).findFirst().orElse(null);
        List<String> decided = tasks.stream().map(ReviewItem::taskId).filter(task -> !pending.contains(task)).toList();
        boolean rtl = LanguageRegistry.palo().find(language).map(l -> l.isRightToLeft()).orElse(false);
        return new ReviewView(id, language, rtl, status, item, notice,
                reviews.closesAt(id, language).orElse(null), decided);
    }

    @ServerExceptionMapper
    public Response failed(HttpHeaders headers, Throwable error) {
        return errors.render(headers.getHeaderString("HX-Request") != null, error);
    }
}
