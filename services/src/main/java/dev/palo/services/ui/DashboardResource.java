package dev.palo.services.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.services.datasets.Validations;
import dev.palo.services.languages.LanguagesResource;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.services.runs.RunAnswers;
import dev.palo.services.runs.RunCatalog;
import dev.palo.services.runs.RunCommands;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.RunQueries;
import dev.palo.services.runs.RunReports;
import dev.palo.services.runs.RunRetries;
import dev.palo.services.runs.RunSummary;
import dev.palo.services.runs.StageProgress;
import dev.palo.services.runs.StartRunRequest;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.services.auth.Caller;
import dev.palo.services.auth.Roles;
import dev.palo.services.auth.RunStartLimiter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.palo.services.runs.RunStatus;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.EntityTag;
import java.io.IOException;
import java.time.Instant;
import org.jboss.resteasy.reactive.RestStreamElementType;
import java.nio.file.Files;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The dashboard's runs pages, rendered on the server from the same queries and commands as the REST API; htmx
 * swaps the fragments (the live run view, the start form's answer) without reloading the page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class DashboardResource {
    private static final int LISTED = 100;
    private static final String OPERATOR = "operator";
    private static final String READER = "reader";
    private static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "FAILED", "CANCELED", "TERMINATED",
            "TIMED_OUT");

    @Inject
    RunQueries queries;
    @Inject
    Caller caller;
    @Inject
    RunCommands commands;
    @Inject
    RunStartLimiter starts;
    @Inject
    RunRetries retries;
    @Inject
    RunCatalog catalog;
    @Inject
    Validations validations;
    private final LiveFragments fragments = new LiveFragments();
    private final LiveStreams streams = new LiveStreams();
    @Inject
    StartForm startForm;
    @Location("runs.html")
    Template runs;
    @Location("run.html")
    Template run;
    @Location("run-live.html")
    Template runLive;
    @Location("message.html")
    Template message;
    @Inject
    ErrorPages errors;
    @Inject
    RunReports reports;
    @Inject
    ObjectMapper json;
    @Location("results.html")
    Template results;
    @Location("answers.html")
    Template answersFragment;
    @Inject
    RunAnswers answers;

    @GET
    public TemplateInstance runs(@QueryParam("status") String status, @QueryParam("language") String language) {
        List<RunSummary> listed = catalog.list(LISTED, status, language);
        return runs.data("runs", listed).data("status", status == null ? "" : status).data("statuses", STATUSES)
                .data("language", language == null ? "" : language)
                .data("languages", LanguagesResource.all().stream()
                        .filter(l -> !LanguageRegistry.SOURCE.equals(l.code())).toList());
    }

    /** The start form's answer: the new run's page, or the API's refusal as a message in the form. */
    @POST
    @Path("ui/runs")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response start(@RestForm List<String> languages, @RestForm String data, @RestForm String source,
                          @RestForm String translator, @RestForm String translateUrl, @RestForm String model,
                          @RestForm String training, @RestForm String priority) {
        starts.acquire(caller.name());
        StartRunRequest request = startForm.request(languages, data, source, translator, translateUrl, model,
                training, priority);
        String id = commands.start(request);
        return Response.ok(message.data("kind", "ok").data("text", "started " + id).data("href", "/runs/" + id)
                .render()).header("HX-Redirect", "/runs/" + id).build();
    }

    @GET
    @Path("runs/{id}")
    public TemplateInstance run(@PathParam("id") String id) {
        return run.data("run", view(id));
    }

    /**
     * The live part of the run page, for a client that polls it: 304 when the client's version (its
     * {@code If-None-Match}) is still the current one, so an unchanged run costs a viewer no fragment.
     */
    @GET
    @Path("ui/runs/{id}/live")
    public Response live(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String known) {
        LiveFragments.Fragment fragment = fragment(id, audience());
        if (fragment.version().equals(known)) {
            return Response.notModified().tag(EntityTag.valueOf(fragment.version())).build();
        }
        return Response.ok(fragment.html()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .tag(EntityTag.valueOf(fragment.version())).header("Cache-Control", "no-cache").build();
    }

    /** The live part of the run page, pushed to it (server-sent events) whenever it changed, until the run ended. */
    @GET
    @Path("ui/runs/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Blocking  // the first fragment reads Temporal; the later ones come from the run's poller
    public Multi<String> stream(@PathParam("id") String id) {
        String audience = audience();
        return streams.watch(id, audience, () -> fragment(id, audience)).map(LiveFragments.Fragment::html);
    }

    /** Operators see a cancel button, other roles do not: one shared rendering per kind of viewer. */
    private String audience() {
        return caller.operates() ? OPERATOR : READER;
    }

    private LiveFragments.Fragment fragment(String id, String audience) {
        RunDetail detail = queries.read(id);
        return fragments.get(detail, audience, RunStatus.RUNNING.equals(detail.status()), (answer, now) -> runLive
                .data("run", view(answer, now)).data("operator", OPERATOR.equals(audience)).render());
    }

    private RunView view(String id) {
        return view(queries.read(id), Instant.now());
    }

    /** The run with its validation reports, read from the store only once a validate stage finished. */
    private RunView view(RunDetail detail, Instant now) {
        String id = detail.id();
        List<StageProgress> validate = detail.stages().stream().filter(s -> "validate".equals(s.stage())).toList();
        boolean finished = validate.stream().anyMatch(s -> "COMPLETED".equals(s.status()));
        return RunView.of(detail, finished ? validations.ofRun(id, validate.size()) : List.of(), now);
    }

    /** Table 1 of a completed run that trained and evaluated both arms; otherwise the API's reason. */
    @GET
    @Path("runs/{id}/results")
    public TemplateInstance results(@PathParam("id") String id, @QueryParam("q") @DefaultValue("0") int question) {
        Table1View table = Table1View.parse(reports.read(id, RunReports.JSON_NAME), json);
        return results.data("runId", id).data("table", table).data("chrf", ChrfView.of(queries.read(id)))
                .data("answers", AnswerBrowser.of(id, answers.of(id), question));
    }

    /** The answer browser's next or previous question, swapped into the results page. */
    @GET
    @Path("ui/runs/{id}/answers")
    public TemplateInstance answers(@PathParam("id") String id, @QueryParam("q") @DefaultValue("0") int question) {
        return answersFragment.data("answers", AnswerBrowser.of(id, answers.of(id), question));
    }

    /** The image of a bench question the run was evaluated on, from the run's own bench. */
    @GET
    @Path("runs/{id}/results/images/{questionId}")
    @Produces("image/*")
    public Response image(@PathParam("id") String id, @PathParam("questionId") int questionId) throws IOException {
        RunAnswers.Answers run = answers.of(id);
        BenchQuestion question = run.questions().stream().filter(q -> q.questionId() == questionId).findFirst()
                .orElseThrow(() -> new NotFoundException("run " + id + "'s bench has no question " + questionId));
        java.nio.file.Path image = run.reader().image(question);
        String type = Files.probeContentType(image);
        return Response.ok(image.toFile(), type == null ? "application/octet-stream" : type)
                .header("Cache-Control", "max-age=3600").build();
    }

    @POST
    @Path("ui/runs/{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public TemplateInstance cancel(@PathParam("id") String id) {
        commands.cancel(id);
        return message.data("kind", "ok").data("text", "cancellation requested for " + id).data("href", null);
    }

    /** The Retry button's answer: the new run's page, or why the run cannot be retried, as a message. */
    @POST
    @Path("ui/runs/{id}/retry")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response retry(@PathParam("id") String id) {
        String retryId = retries.retry(id);
        return Response.ok(message.data("kind", "ok").data("text", "started " + retryId + ", a retry of " + id)
                .data("href", "/runs/" + retryId).render()).header("HX-Redirect", "/runs/" + retryId).build();
    }

    /** An unknown run reads "not found"; a page's fragment request gets the message alone, never a stack trace. */
    @ServerExceptionMapper
    public Response failed(HttpHeaders headers, Throwable error) {
        return errors.render(headers.getHeaderString("HX-Request") != null, error);
    }
}
