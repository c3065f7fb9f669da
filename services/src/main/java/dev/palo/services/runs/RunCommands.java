package dev.palo.services.runs;

import dev.palo.activities.registry.LanguageRegistryActivitiesImpl;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.services.datasets.MiniDatasets.MiniDataset;
import dev.palo.services.datasets.MiniDatasets;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.RunPriority;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.events.TriggerInfo;
import dev.palo.workflows.pipeline.BaseModelSetup;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.pipeline.TrainingSpec;
import dev.palo.workflows.pipeline.TranslatorSetup;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.registry.LanguageRegistryActivities;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.review.SimulatedReviewJob;
import dev.palo.workflows.review.SimulatedReviewWorkflow;
import dev.palo.workflows.translation.base.BaseTranslatorConfig;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.translate.TranslatorRef;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.Priority;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Starts and cancels runs. A start checks the request completely first: a bad request starts nothing. */
@ApplicationScoped
public class RunCommands {
    private static final int FAIRNESS_KEY_MAX = 64;
    /** Registered name of the base models the platform trains on PALO-mini. */
    static final String BASE_MODEL_NAME = "palo-mini-base";
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The check the pipeline itself runs first, done here too so that a bad language never starts a run. */
    private final LanguageRegistryActivities registry = new LanguageRegistryActivitiesImpl(LanguageRegistry.palo());

    @Inject
    WorkflowClient client;
    @Inject
    MinioObjectStore store;
    @Inject
    RunQueries queries;
    @Inject
    MiniDatasets miniDatasets;
    @Inject
    SecretBindingValidator secrets;
    @Inject
    RunSearchAttributes searchAttributes;
    @Inject
    WorkerSettings settings;

    /** Returns the new run's id, which is also its workflow id. */
    public String start(StartRunRequest request) {
        return start(request, null);
    }

    /**
     * Starts the run an outside event asks for ({@code origin} non-null): its id comes from the event, a start with an
     * id that already ran or runs joins that run instead of starting a second one (reuse: reject duplicate; conflict:
     * use existing), and the trigger travels in the workflow's memo. Returns the run id either way.
     */
    public String start(StartRunRequest request, RunOrigin origin) {
        if (request == null) {
            throw new BadRequestException("the request body must be a run: {source or data, languages, translate, ...}");
        }
        secrets.check(request);
        List<String> languages = languages(request.languages());
        MiniDataset mini = mini(request, languages);
        PipelineSpec spec = spec(request, languages, mini);
        if (origin != null && !origin.corrections().isEmpty()) {
            spec = spec.withCorrections(corrections(origin.corrections(), languages, spec));
        }
        String runId = origin != null ? origin.runId() : newRunId();
        RunTrigger trigger = origin != null ? RunTrigger.EVENT
                : request.trigger() == null ? RunTrigger.API : request.trigger();
        WorkflowOptions pipelineOptions = options(runId, origin, RunMemo.of(trigger, languages,
                mini != null ? request.data() : request.source(), settings.gpuScheduling()), request.priority());
        if (origin != null) {
            // findable by trigger (temporal workflow list --query), where the namespace has the attributes
            pipelineOptions = WorkflowOptions.newBuilder(pipelineOptions)
                    .setTypedSearchAttributes(searchAttributes.of(origin.trigger())).build();
        }
        PaloPipelineWorkflow pipeline = client.newWorkflowStub(PaloPipelineWorkflow.class, pipelineOptions);
        try {
            WorkflowClient.start(pipeline::run, spec);
        } catch (WorkflowExecutionAlreadyStarted e) {
            // the event's run ran to its end earlier: a duplicate delivery joins it, never starts it again
            return runId;
        }
        if (mini != null && spec.review().mode() == ReviewerMode.SIMULATED && spec.review().sampleSize() > 0) {
            // a workflow of its own, not threads of this app: the reviewers outlive an app restart
            SimulatedReviewWorkflow reviewers = client.newWorkflowStub(SimulatedReviewWorkflow.class,
                    options(SimulatedReviewWorkflow.workflowId(runId), origin, Map.of(), null));
            try {
                WorkflowClient.start(reviewers::run, new SimulatedReviewJob(runId, spec.languages(),
                        mini.tree().toAbsolutePath().toString(), spec.review().simulatedDelay()));
            } catch (WorkflowExecutionAlreadyStarted e) {
                // started by an earlier delivery of the same event
            }
        }
        return runId;
    }

    /**
     * The request checked completely and made into the spec a run of it would start, with the PALO-mini tree its
     * simulated reviewers would decide from and the memo its workflow would carry; starts nothing (a study starts
     * such runs itself, as its children).
     */
    public PreparedRun prepare(StartRunRequest request) {
        if (request == null) {
            throw new BadRequestException("the request body must be a run: {source or data, languages, translate, ...}");
        }
        secrets.check(request);
        List<String> languages = languages(request.languages());
        MiniDataset mini = mini(request, languages);
        Map<String, String> memo = new LinkedHashMap<>();
        RunMemo.of(request.trigger() == null ? RunTrigger.API : request.trigger(), languages,
                mini != null ? request.data() : request.source(), settings.gpuScheduling()).forEach((key, value) -> memo.put(key, (String) value));
        return new PreparedRun(spec(request, languages, mini),
                mini == null ? null : mini.tree().toAbsolutePath().toString(), memo);
    }

    /** Time first, so ids sort by start; the random tail keeps two starts in one second apart. */
    static String newRunId() {
        return newId("run");
    }

    /** {@code <kind>-<time>-<random>}: ids of one kind sort by start. */
    public static String newId(String kind) {
        return kind + "-" + RUN_TIME.format(Clock.systemUTC().instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * {@code memo}: what the runs list shows (RunMemo); a run an event started also carries the trigger. {@code
     * priority}: the run's (null: normal).
     */
    public static WorkflowOptions options(String workflowId, RunOrigin origin, Map<String, Object> memo,
                                   RunPriority priority) {
        Map<String, Object> fields = new LinkedHashMap<>(memo);
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder().setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.CPU).setPriority(priority(workflowId, priority));
        if (origin != null) {
            options.setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                    .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING);
            fields.put(TriggerInfo.MEMO_KEY, origin.trigger());
        }
        return options.setMemo(fields).build();
    }

    /**
     * The run's priority key (where not normal) and fairness key, inherited by its child workflows and activities: runs started together share the GPU
     * lanes instead of the first taking them all. Temporal allows 64 bytes; ids end in their unique part.
     */
    static Priority priority(String workflowId, RunPriority priority) {
        String key = workflowId.length() <= FAIRNESS_KEY_MAX ? workflowId
                : workflowId.substring(workflowId.length() - FAIRNESS_KEY_MAX);
        Priority.Builder run = Priority.newBuilder().setFairnessKey(key);
        if (priority != null && priority != RunPriority.NORMAL) {
            run.setPriorityKey(priority.key());  // a normal run sets none, as runs did before priorities
        }
        return run.build();
    }

    /** Outside corrections per language, each an object in the store, for languages the run translates and tunes. */
    private Map<String, ArtifactRef> corrections(Map<String, String> uris, List<String> languages, PipelineSpec spec) {
        if (spec.tune() == null) {
            throw new BadRequestException("corrections need a run that tunes its translator: the request has no tune");
        }
        Map<String, ArtifactRef> refs = new TreeMap<>();
        uris.forEach((code, uri) -> {
            if (!languages.contains(code)) {
                throw new BadRequestException("corrections for " + code + " but the run translates only " + languages);
            }
            refs.put(code, source(uri));
        });
        return refs;
    }

    /** Asks a running run to stop; its language workflows and their activities are cancelled with it. */
    public void cancel(String runId) {
        WorkflowLookups.cancelRunning(client, "run", runId, queries.status(runId));
    }

    private MiniDataset mini(StartRunRequest request, List<String> languages) {
        if ((request.source() == null) == (request.data() == null)) {
            throw new BadRequestException("name the English data with exactly one of source (s3://… in the store)"
                    + " and data (mini, mini:tiny|demo|full)");
        }
        if (request.data() == null) {
            return null;
        }
        if (request.translationSource() != null) {
            throw new BadRequestException("translationSource goes with source: PALO-mini data brings its own");
        }
        if (!MiniDatasets.names(request.data())) {
            throw new BadRequestException("data must be mini or mini:tiny|demo|full, got " + request.data());
        }
        return miniDatasets.prepare(request.data(), languages);
    }

    private PipelineSpec spec(StartRunRequest request, List<String> languages, MiniDataset mini) {
        TranslatorSetup translator = translator(request.translator(), mini);
        TranslateConfig translate = request.translate();
        if (translate == null) {
            if (translator == null || !translator.trainsLocal()) {
                throw new BadRequestException("translate is required unless translator.backend is local:"
                        + " {baseUrl, model, apiKeySecret, chunkSize, ...}");
            }
            translate = TranslateConfig.localOnly();
        }
        PipelineSpec spec = new PipelineSpec(mini != null ? mini.refs().english() : source(request.source()),
                languages, translate, request.qa() == null ? QaConfig.defaults() : request.qa(),
                request.review() == null ? ReviewConfig.defaults() : request.review(),
                request.dataset() == null ? DatasetConfig.defaults() : request.dataset(),
                mini == null ? null : mini.refs().imagePrefix())
                .withTranslation(mini != null ? mini.refs().translationSource()
                        : request.translationSource() == null ? null : source(request.translationSource()),
                        translator, request.tune());
        return request.training() == null ? spec : spec.withTraining(training(request.training(), mini));
    }

    private static TranslatorSetup translator(TranslatorChoice choice, MiniDataset mini) {
        if (choice == null) {
            return null;
        }
        if (TranslatorRef.OPENAI.equals(choice.backend())) {
            if (choice.model() == null || choice.model().isBlank()) {
                throw new BadRequestException("translator.model names the chat model of the openai backend");
            }
            return TranslatorSetup.use(TranslatorRef.openai(choice.model()));
        }
        if (!TranslatorRef.LOCAL.equals(choice.backend())) {
            throw new BadRequestException("translator.backend must be local or openai, got " + choice.backend());
        }
        if (mini == null) {
            throw new BadRequestException("the local translator trains on PALO-mini's translation seed corpus:"
                    + " use data mini…");
        }
        BaseTranslatorConfig base = BaseTranslatorConfig.defaults();
        if (choice.model() != null) {
            base = base.withModelName(choice.model());
        }
        return TranslatorSetup.trainLocal(List.copyOf(mini.refs().translationSeed().values()), base);
    }

    /**
     * Base-model inputs, captions and bench (the test one, or the validation one where the request asks) from
     * PALO-mini; settings from the request or the mini preset.
     */
    private static TrainingSpec training(TrainingChoice choice, MiniDataset mini) {
        if (mini == null) {
            throw new BadRequestException("training needs data: mini… (base models, captions and the bench come"
                    + " from PALO-mini)");
        }
        MiniSourceRefs refs = mini.refs();
        List<LanguageSet> heldOut = refs.gold().entrySet().stream()
                .map(gold -> new LanguageSet(gold.getKey(), gold.getValue(), List.of())).toList();
        BaseModelSetup base = new BaseModelSetup(BASE_MODEL_NAME, new BaseTrainingInputs(refs.corpus(),
                List.of(refs.captions(), refs.english()), refs.imagePrefix(), heldOut, choice.baseOrDefault()), null);
        return new TrainingSpec(base, refs.captions(), choice.pretrainOrDefault(), choice.finetuneOrDefault(),
                choice.loraOrDefault(), choice.onValidationBench() ? refs.validationBench() : refs.bench(),
                choice.evaluateOrDefault(), choice.stepMatched());
    }

    /** The request's target languages; left out, the registry's default set (the paper's nine targets). */
    private List<String> languages(List<String> requested) {
        List<String> codes = requested == null ? LanguageRegistry.palo().defaultTargets() : requested;
        if (codes.isEmpty()) {
            throw new BadRequestException("languages is empty: name one or more codes among "
                    + LanguageRegistry.palo().codes() + ", or leave it out for the default set "
                    + LanguageRegistry.palo().defaultTargets());
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

    ArtifactRef source(String uri) {
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
