package dev.palo.services.studies;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.study.StudyActivitiesImpl;
import dev.palo.services.runs.PreparedRun;
import dev.palo.services.runs.RunCommands;
import dev.palo.services.runs.RunMemo;
import dev.palo.services.runs.RunStatus;
import dev.palo.services.runs.WorkflowLookups;
import dev.palo.workflows.study.StudyMemberState;
import dev.palo.workflows.study.StudySpec;
import dev.palo.workflows.study.StudyWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Starts studies and reads them back: their runs' states from the workflow, their report from the store. */
@ApplicationScoped
public class StudyCommands {
    static final String STUDY_TYPE = POJOWorkflowInterfaceMetadata.newInstance(StudyWorkflow.class)
            .getWorkflowType().orElseThrow();

    @Inject
    WorkflowClient client;
    @Inject
    RunCommands runs;
    @Inject
    MinioObjectStore store;

    /** Checks the recipe as a run start would (a bad one starts nothing) and starts the study; its id. */
    public String start(StartStudyRequest request) {
        if (request == null || request.run() == null) {
            throw new BadRequestException("the request body must be a study: {run: {a run request with training},"
                    + " finetuneSeeds, dataSeeds, resamples}");
        }
        if (request.run().training() == null) {
            throw new BadRequestException("a study compares the arms' scores: its run needs training ({} for the"
                    + " PALO-mini defaults)");
        }
        List<Long> finetuneSeeds = request.finetuneSeeds() == null ? StartStudyRequest.DEFAULT_FINETUNE_SEEDS
                : request.finetuneSeeds();
        List<Long> dataSeeds = request.dataSeeds() == null ? StartStudyRequest.DEFAULT_DATA_SEEDS : request.dataSeeds();
        int resamples = request.resamples() == null ? StudySpec.DEFAULT_RESAMPLES : request.resamples();
        try {
            // the seeds first: preparing the recipe may generate its PALO-mini data, which a bad request never waits for
            StudySpec.check(finetuneSeeds, dataSeeds, resamples);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        PreparedRun recipe = runs.prepare(request.run());
        boolean singleLanguageArms = Boolean.TRUE.equals(request.singleLanguageArms());
        StudySpec spec = new StudySpec(recipe.spec(), finetuneSeeds, dataSeeds, recipe.miniTree(), recipe.memo(),
                resamples, StudySpec.DEFAULT_BOOTSTRAP_SEED, singleLanguageArms);
        String id = RunCommands.newId("study");
        var training = request.run().training();
        WorkflowOptions options = RunCommands.options(id, null, StudyMemo.of(recipe.memo(), finetuneSeeds, dataSeeds,
                Boolean.TRUE.equals(training.stepMatchedBaseline()), training.bench(), singleLanguageArms),
                request.run().priority());
        WorkflowClient.start(client.newWorkflowStub(StudyWorkflow.class, options)::run, spec);
        return id;
    }

    /** The newest studies first, as their memo describes them (no query of their workflows). */
    public List<StudySummary> list(int limit) {
        try (Stream<WorkflowExecutionMetadata> studies = client.listExecutions("WorkflowType = '" + STUDY_TYPE + "'")) {
            return studies.limit(limit).map(StudyMemo::summary).toList();
        }
    }

    public StudyView read(String id) {
        WorkflowExecutionDescription study = describe(id);
        String status = RunStatus.of(study.getStatus());
        boolean completed = study.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
        boolean arms = "true".equals(RunMemo.text(study, StudyMemo.SINGLE_LANGUAGE_ARMS));
        return new StudyView(id, status, study.getStartTime(), study.getCloseTime(), query(id, StudyWorkflow::members),
                arms ? query(id, StudyWorkflow::singleLanguageArms) : List.of(),
                completed ? "/api/studies/" + id + "/report" : null);
    }

    /** One of the study's lists (its runs, its single-language arms); none where it cannot answer yet. */
    private List<StudyMemberState> query(String id, Function<StudyWorkflow, List<StudyMemberState>> list) {
        try {
            return WorkflowLookups.found("study", id, () -> list.apply(client.newWorkflowStub(StudyWorkflow.class, id)));
        } catch (WorkflowQueryException e) {
            return List.of();  // its first workflow task has not run
        }
    }

    /**
     * Cancels a running study: Temporal cancels its running runs with it (each cancels its languages) and the study
     * starts no other run and writes no report; 404 for no study, 409 once it has ended.
     */
    public void cancel(String id) {
        WorkflowLookups.cancelRunning(client, "study", id, RunStatus.of(describe(id).getStatus()));
    }

    /** A completed study's report file: 404 for no study, 409 while it has not completed. */
    public byte[] report(String id, String name) {
        WorkflowExecutionDescription study = describe(id);
        if (study.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            throw new ClientErrorException("study " + id + " is " + RunStatus.of(study.getStatus())
                    + "; its report comes once it completed", Response.Status.CONFLICT);
        }
        try {
            var ref = store.stat(StudyActivitiesImpl.key(id, name))
                    .orElseThrow(() -> new NotFoundException("study " + id + " has no " + name));
            try (InputStream in = store.open(ref)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the report of study " + id + " cannot be read", e);
        }
    }

    private WorkflowExecutionDescription describe(String id) {
        WorkflowExecutionDescription study = WorkflowLookups.found("study", id,
                () -> client.newUntypedWorkflowStub(id).describe());
        if (!STUDY_TYPE.equals(study.getWorkflowType())) {
            throw new NotFoundException(id + " is a " + study.getWorkflowType() + " workflow, not a study");
        }
        return study;
    }
}
