package dev.palo.activities.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StagedImages;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.train.TrainingConfig;
import dev.palo.model.vision.ImagePreprocessor;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shape both training stages share: reuse a finished output (this run's or the stage cache's);
 * otherwise download the parent bundle, tokenize the records, fetch their images, train with
 * {@link CheckpointedTraining}, then store the output bundle (a StoredDirectory under
 * {@code <location>/bundle/}) and its LLaVA/PALO/HF export ({@code <location>/export/}, {@link BundleExports}), log
 * both to the tracking run, and commit the manifest last.
 */
public final class TrainingStage {
    static final String BUNDLE = "bundle/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final StoredDirectory directories;
    private final CheckpointedTraining training;
    private final Tracker tracker;
    private final Path workRoot;

    /** {@code workRoot} holds each attempt's scratch folder and the worker's shared image folders. */
    public TrainingStage(ObjectStore store, Tracker tracker, Path workRoot) {
        this.store = store;
        this.stage = new StageTemplate(store, workRoot);
        this.directories = new StoredDirectory(store, workRoot.resolve("bundles"));
        this.training = new CheckpointedTraining(store, directories, tracker);
        this.tracker = tracker;
        this.workRoot = workRoot;
    }

    /**
     * Where a stage writes: its cache key covers the stage, code version, language (or arm), every
     * input's digest, the image prefix and the recipe. The checkpoint interval changes no byte of the
     * output and is left out.
     */
    public static StageLocation locate(String runId, String stage, String language, String codeVersion,
                                       List<ArtifactRef> inputs, String imagePrefix,
                                       TrainingConfig config) {
        String digests = inputs.stream().map(ArtifactRef::sha256).collect(Collectors.joining("\n"))
                + "\nimages=" + imagePrefix;
        try {
            return new StageLocation(runId, stage, language, CacheKey.of(stage, codeVersion, language,
                    Sha256.of(digests), JSON.writeValueAsString(config)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("training config does not serialise", e);
        }
    }

    public StageResult run(TrainingJob job) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        TrainingProgress progress = context.getHeartbeatDetails(TrainingProgress.class).orElse(TrainingProgress.START);
        return StageErrors.standard().llavaInputs().illegalArguments().run(() -> {
            try (HeartbeatPump heartbeats = HeartbeatPump.start(context, progress)) {
                return stage.run(job.location(), job.location().stage() + "-", work -> train(job, heartbeats, work));
            }
        });
    }

    /** Trains the parent bundle on the job's records, stores the bundle and its export; the manifest to commit. */
    private Manifest train(TrainingJob job, HeartbeatPump heartbeats, Path work) throws IOException {
        Path parent = directories.download(job.parentBundle());
        tracker.logParams(job.trackingRunId(), params(job));
        try (HuggingFaceTextTokenizer tokenizer = ModelBundle.loadTokenizer(parent)) {
            TokenizedRecords records = tokenize(job, tokenizer);
            StagedImages images = StagedImages.fetch(store, job.imagePrefix(), records.images(),
                    workRoot.resolve("images").resolve(Sha256.of(job.imagePrefix()).substring(0, 16)));
            try (NDManager manager = NDManager.newBaseManager();
                 PaloModel model = ModelBundle.loadModel(manager, parent)) {
                if (!model.config().isMultimodal()) {
                    throw StageErrors.invalid("the bundle " + job.parentBundle().uri() + " holds a text-only model; "
                            + job.location().stage() + " needs a vision tower and projector");
                }
                TokenizedRecords.Result samples = records.finish(images,
                        new ImagePreprocessor(model.config().visionConfig()));
                if (samples.dataset().size() == 0) {
                    throw StageErrors.invalid("no record left to train " + job.location().stage() + " "
                            + job.location().language() + " on: " + samples.counts());
                }
                TrainingOutcome outcome = training.run(model, job.config(), samples.dataset(),
                        tokenizer.padId(), job.checkpointEvery(), job.location(), job.trackingRunId(),
                        heartbeats, work);
                Path bundle = Files.createDirectories(work.resolve("bundle"));
                job.outputs().write(model, manager, bundle);
                ModelBundle.complete(bundle, parent, new BundleInfo(job.location().stage(), job.template(),
                        job.parentBundle().uri(), job.config()));
                ArtifactRef ref = directories.upload(job.location().key(BUNDLE), bundle);
                logBundle(job.trackingRunId(), bundle);
                // the same weights in LLaVA's/PALO's/HF's layouts, stored and logged beside the bundle
                BundleExports.export(directories, tracker, job.trackingRunId(), bundle, parent,
                        job.location().stage() + "-" + job.location().language(),
                        job.config().modelMaxLength(), work, job.location().key(BundleExports.EXPORT));
                Map<String, Double> metrics = new LinkedHashMap<>(samples.counts().metrics());
                metrics.putAll(outcome.metrics());
                return new Manifest(job.location().stage(), job.location().language(), job.location().runId(),
                        job.location().cacheKey(), job.codeVersion(), job.input(), ref, false, metrics);
            }
        }
    }

    private TokenizedRecords tokenize(TrainingJob job, HuggingFaceTextTokenizer tokenizer) throws IOException {
        TokenizedRecords records = new TokenizedRecords(ConversationTemplates.get(job.template()), tokenizer,
                job.config().modelMaxLength());
        for (ArtifactRef file : job.recordFiles()) {
            try (LlavaJsonReader reader = new LlavaJsonReader(store.open(file), file.uri())) {
                reader.forEachRemaining(records::add);
            }
        }
        return records;
    }

    private static Map<String, String> params(TrainingJob job) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("template", job.template());
        params.put("stage_policy", job.config().stage());
        params.put("learning_rate", Double.toString(job.config().learningRate()));
        params.put("global_batch_size", Integer.toString(job.config().globalBatchSize()));
        params.put("micro_batch_size", Integer.toString(job.config().microBatchSize()));
        params.put("epochs", Double.toString(job.config().epochs()));
        params.put("warmup_ratio", Double.toString(job.config().warmupRatio()));
        params.put("model_max_length", Integer.toString(job.config().modelMaxLength()));
        params.put("seed", Long.toString(job.config().seed()));
        params.put("checkpoint_every", Integer.toString(job.checkpointEvery()));
        if (job.config().lora() != null) {
            params.put("lora_r", Integer.toString(job.config().lora().r()));
            params.put("lora_alpha", Float.toString(job.config().lora().loraAlpha()));
            params.put("lora_dropout", Float.toString(job.config().lora().loraDropout()));
        }
        return params;
    }

    /** Every file of the bundle (adapter, weights, config, tokenizer) as tracking artifacts under {@code bundle/}. */
    private void logBundle(String trackingRunId, Path bundle) throws IOException {
        try (Stream<Path> files = Files.list(bundle)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                tracker.uploadArtifact(trackingRunId, BUNDLE + name, Files.readAllBytes(file),
                        name.endsWith(".json") ? "application/json" : "application/octet-stream");
            }
        }
    }
}
