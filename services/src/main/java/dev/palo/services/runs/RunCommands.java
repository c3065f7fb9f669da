package dev.palo.services.runs;

import dev.palo.activities.registry.LanguageRegistryActivitiesImpl;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.registry.LanguageRegistryActivities;
import dev.palo.workflows.review.ReviewConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Starts and cancels runs. A start checks the request completely first: a bad request starts nothing. */
@ApplicationScoped
public class RunCommands {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The check the pipeline itself runs first, done here too so that a bad language never starts a run. */
    private final LanguageRegistryActivities registry = new LanguageRegistryActivitiesImpl(LanguageRegistry.palo());

    @Inject
    WorkflowClient client;
    @Inject
    MinioObjectStore store;
    @Inject
    RunQueries queries;

    /** Returns the new run's id, which is also its workflow id. */
    public String start(StartRunRequest request) {
        PipelineSpec spec = spec(request);
        // Time first, so ids sort by start; the random tail keeps two starts in one second apart.
        String runId = "run-" + RUN_TIME.format(Clock.systemUTC().instant()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        PaloPipelineWorkflow pipeline = client.newWorkflowStub(PaloPipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(TaskQueues.CPU).build());
        WorkflowClient.start(pipeline::run, spec);
        return runId;
    }

    /** Asks a running run to stop; its language workflows and their activities are cancelled with it. */
    public void cancel(String runId) {
        String status = queries.status(runId);
        if (!RunStatus.RUNNING.equals(status)) {
            throw new ClientErrorException("run " + runId + " is already " + status, Response.Status.CONFLICT);
        }
        client.newUntypedWorkflowStub(runId).cancel();
    }

    private PipelineSpec spec(StartRunRequest request) {
        if (request == null) {
            throw new BadRequestException("the request body must be a run: {source, languages, translate, qa, review, dataset}");
        }
        if (request.translate() == null) {
            throw new BadRequestException("translate is required: {baseUrl, model, apiKeySecret, chunkSize, ...}");
        }
        List<String> languages = languages(request.languages());
        return new PipelineSpec(source(request.source()), languages, request.translate(),
                request.qa() == null ? QaConfig.defaults() : request.qa(),
                request.review() == null ? ReviewConfig.defaults() : request.review(),
                request.dataset() == null ? DatasetConfig.defaults() : request.dataset());
    }

    private List<String> languages(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new BadRequestException("languages is required: one or more codes among " + LanguageRegistry.palo().codes());
        }
        if (new HashSet<>(codes).size() != codes.size()) {
            throw new BadRequestException("languages repeats a code: " + codes);
        }
        try {
            registry.resolveTargets(codes);
        } catch (ApplicationFailure e) {
            throw new BadRequestException(e.getOriginalMessage());
        }
        return codes;
    }

    private ArtifactRef source(String uri) {
        String storePrefix = store.uri("");
        if (uri == null || !uri.startsWith(storePrefix) || uri.length() == storePrefix.length()) {
            throw new BadRequestException("source must name an object in the platform store, " + storePrefix
                    + "<key>; got " + uri);
        }
        try {
            return store.stat(uri.substring(storePrefix.length()))
                    .orElseThrow(() -> new BadRequestException("source " + uri + " does not exist in the store"));
        } catch (IOException e) {
            throw new BadRequestException("source " + uri + " cannot be used: " + e.getMessage());
        }
    }
}
