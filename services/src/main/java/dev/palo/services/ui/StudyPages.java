package dev.palo.services.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.palo.activities.study.StudyActivitiesImpl;
import dev.palo.activities.study.StudyReport;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.services.auth.Caller;
import dev.palo.services.auth.Roles;
import dev.palo.services.auth.RunStartLimiter;
import dev.palo.services.languages.LanguagesResource;
import dev.palo.services.runs.RunStatus;
import dev.palo.services.studies.StartStudyRequest;
import dev.palo.services.studies.StudyCommands;
import dev.palo.services.studies.StudyView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The dashboard's studies: the list with a start form, and a study's page, which follows its runs while it runs (the
 * live part is polled, {@link #LIVE_SECONDS} apart, and read once per interval for every viewer) and shows its report
 * once it completed, rendered from the same {@link StudyCommands} as {@code /api/studies}.
 */
@Path("/studies")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class StudyPages {
    /** A study's runs take minutes to hours; a state seen 5 s late costs nothing, a query per viewer per second would. */
    static final int LIVE_SECONDS = 5;
    private static final int LISTED = 100;

    @Inject
    StudyCommands studies;
    @Inject
    Caller caller;
    @Inject
    RunStartLimiter starts;
    @Inject
    StartForm startForm;
    @Inject
    ObjectMapper json;
    @Inject
    ErrorPages errors;
    @Location("studies.html")
    Template list;
    @Location("study.html")
    Template page;
    @Location("study-live.html")
    Template live;
    @Location("message.html")
    Template message;
    /** One read of a study per interval, whoever asks: its workflow's describe and members query. */
    private final Cache<String, StudyView> views = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofSeconds(LIVE_SECONDS)).build();
    /** A completed study's report never changes: read from the store once. */
    private final Cache<String, StudyReportView> reports = Caffeine.newBuilder().maximumSize(100).build();

    @GET
    public TemplateInstance list() {
        return list.data("studies", studies.list(LISTED)).data("languages", LanguagesResource.all().stream()
                .filter(l -> !LanguageRegistry.SOURCE.equals(l.code())).toList());
    }

    @GET
    @Path("{id}")
    public TemplateInstance study(@PathParam("id") String id) {
        return page.data("study", page(id));
    }

    /** The live part of a study's page: its runs' states, and the report once it completed (then polling stops). */
    @GET
    @Path("{id}/live")
    public TemplateInstance live(@PathParam("id") String id) {
        return live.data("study", page(id));
    }

    /** The start form's answer: the new study's page, or the API's refusal as a message in the form. */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response start(@RestForm List<String> languages, @RestForm String data, @RestForm String source,
                          @RestForm String finetuneSeeds, @RestForm String dataSeeds, @RestForm String stepMatched,
                          @RestForm String singleLanguageArms, @RestForm String priority) {
        starts.acquire(caller.name());
        StartStudyRequest request = new StartStudyRequest(
                startForm.studyRecipe(languages, data, source, priority, stepMatched),
                SeedField.parse("fine-tune seeds", finetuneSeeds), SeedField.parse("data seeds", dataSeeds), null,
                "on".equals(singleLanguageArms));
        String id = studies.start(request);
        return Response.ok(message.data("kind", "ok").data("text", "started " + id).data("href", "/studies/" + id)
                .render()).header("HX-Redirect", "/studies/" + id).build();
    }

    /** The Cancel button's answer; the live part shows the study and its runs CANCELED once Temporal has ended them. */
    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public TemplateInstance cancel(@PathParam("id") String id) {
        studies.cancel(id);
        views.invalidate(id);
        return message.data("kind", "ok").data("text", "cancellation requested for " + id).data("href", null);
    }

    private StudyPage page(String id) {
        StudyView study = views.get(id, studies::read);
        StudyReportView report = RunStatus.COMPLETED.equals(study.status()) ? reports.get(id, this::report) : null;
        return new StudyPage(study, report);
    }

    private StudyReportView report(String id) {
        try {
            return StudyReportView.of(json.readValue(studies.report(id, StudyActivitiesImpl.JSON_NAME),
                    StudyReport.class));
        } catch (IOException e) {
            throw new UncheckedIOException("study " + id + "'s " + StudyActivitiesImpl.JSON_NAME + " cannot be read", e);
        }
    }

    @ServerExceptionMapper
    public Response failed(HttpHeaders headers, Throwable error) {
        return errors.render(headers.getHeaderString("HX-Request") != null, error);
    }
}
