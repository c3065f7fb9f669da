package dev.palo.activities.basemodel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.ModelRegistry;
import dev.palo.activities.tracking.RegisteredVersion;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.training.BundleExports;
import dev.palo.model.PaloConfig;
import dev.palo.model.base.BaseModelInputs;
import dev.palo.model.base.BaseModelReport;
import dev.palo.model.base.BaseModelTraining;
import dev.palo.model.base.ImportedBaseModel;
import dev.palo.model.base.LmRecipe;
import dev.palo.model.base.VisionRecipe;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.export.LlavaImport;
import dev.palo.model.preset.Presets;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.basemodel.BaseModelRequest;
import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.LanguageSet;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The base-model stage. Trained (PALO-mini) or imported (real weights: the platform's own bundle files, or a
 * LLaVA/PALO/MobileVLM checkpoint directory with its CLIP directory, see {@link StoredCheckpoint}), its bundle is stored as a StoredDirectory
 * under {@code <location>/bundle/}, registered under the request's model name with the cache key as a version tag,
 * and recorded by a manifest written last. A finished output of this run, the stage cache, or a registered
 * version with the same cache key is returned without training.
 */
public final class BaseModelActivitiesImpl implements BaseModelActivities {
    /** Bump when the output for the same inputs and settings changes: it is part of the cache key. */
    static final String CODE_VERSION = "2";
    /** The registry tag holding the cache key. */
    static final String CACHE_KEY_TAG = "palo.cache_key";
    /** The registry tag holding the bundle index's object key, to rebuild its ref on a registry hit. */
    static final String BUNDLE_KEY_TAG = "palo.bundle_key";
    /** The registry tag holding the LLaVA/PALO/HF export folder's index key ({@link BundleExports}). */
    static final String EXPORT_KEY_TAG = "palo.export_key";
    static final String BUNDLE = "bundle/";
    static final String INFO = "palo-bundle.json";
    /** Imported weights: the bundle's files without palo-bundle.json, which this stage writes. */
    static final List<String> IMPORTED_FILES = List.of(ModelCheckpoint.CONFIG, ModelCheckpoint.MODEL,
            BaseModelTraining.TOKENIZER);
    /** The vision tower is trained once and frozen in every later stage; the LM is the later stages' to tune. */
    private static final List<String> FROZEN = List.of("model.vision_tower.");
    /** The template the next stages train with, as in the paper: vicuna_v1. */
    static final String TEMPLATE = "vicuna_v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final Tracker tracker;
    private final ModelRegistry registry;
    private final Path workRoot;
    private final StageTemplate stage;
    private final StoredDirectory directories;

    public BaseModelActivitiesImpl(ObjectStore store, Tracker tracker, ModelRegistry registry, Path workRoot) {
        this.store = store;
        this.tracker = tracker;
        this.registry = registry;
        this.workRoot = workRoot;
        this.stage = new StageTemplate(store, workRoot);
        this.directories = new StoredDirectory(store, workRoot.resolve("bundles"));
    }

    @Override
    public StageResult prepare(BaseModelRequest request) {
        if (request.runId() == null) {
            throw StageErrors.invalid("base-model needs a runId, got " + request);
        }
        // a malformed input, config or bundle (IllegalArgumentException): retrying cannot fix it
        return StageErrors.standard().llavaInputs().illegalArguments()
                .run(() -> request.training() != null ? trained(request) : imported(request));
    }

    private StageResult trained(BaseModelRequest request) throws IOException {
        BaseTrainingInputs inputs = request.training();
        BaseModelSettings settings = inputs.settings();
        if (inputs.corpus() == null || inputs.imagePrefix() == null || settings == null) {
            throw StageErrors.invalid("base-model training needs a corpus, an image prefix and settings, got " + inputs);
        }
        List<ArtifactRef> read = new ArrayList<>();
        read.add(inputs.corpus());
        read.addAll(inputs.sceneRecords());
        inputs.heldOut().forEach(set -> read.add(set.data()));
        String digest = Sha256.of(read.stream().map(ArtifactRef::sha256).collect(Collectors.joining("\n"))
                + "\nimages=" + inputs.imagePrefix() + "\nheld-out=" + inputs.heldOut().stream()
                .map(LanguageSet::language).collect(Collectors.joining(",")));
        StageLocation location = new StageLocation(request.runId(), STAGE, LANGUAGE,
                CacheKey.of(STAGE, CODE_VERSION, LANGUAGE, digest, JSON.writeValueAsString(settings)));
        return run(request, location, inputs.corpus(), work -> {
            ActivityExecutionContext context = Activity.getExecutionContext();
            DurableProgress progress = new DurableProgress(directories, tracker, location, request.trackingRunId(),
                    context, context.getHeartbeatDetails(BaseModelProgress.class).orElse(BaseModelProgress.START));
            PaloConfig architecture = Presets.get(settings.preset());
            LmRecipe lm = BaseRecipes.lm(settings);
            VisionRecipe vision = BaseRecipes.vision(settings);
            tracker.logParams(request.trackingRunId(), params(settings));
            progress.restore(work);
            BaseModelInputs loaded = new TrainingInputsLoader(store, workRoot.resolve("images"), progress::heartbeat)
                    .load(inputs, architecture.visionConfig());
            Path bundle = work.resolve("bundle");
            BaseModelReport report = BaseModelTraining.train(architecture, settings.seed(), lm, vision, loaded, work,
                    bundle, progress);
            BaseBundleInfo info = new BaseBundleInfo(STAGE, TEMPLATE, null, lm.trainingConfig(), "trained",
                    settings.preset(), FROZEN, vision, report);
            return publish(request, location, inputs.corpus(), bundle, info, metrics(report));
        });
    }

    private StageResult imported(BaseModelRequest request) throws IOException {
        String prefix = request.importPrefix().endsWith("/") ? request.importPrefix() : request.importPrefix() + "/";
        if (StoredCheckpoint.isHuggingFace(store, prefix)) {
            return importedCheckpoint(request, prefix);
        }
        Map<String, ArtifactRef> files = new LinkedHashMap<>();
        for (String name : IMPORTED_FILES) {
            files.put(name, store.stat(prefix + name).orElseThrow(() -> StageErrors.invalid("cannot import a base model"
                    + " from " + store.uri(prefix) + ": it has no " + name + " (needs " + IMPORTED_FILES + ")")));
        }
        String digest = Sha256.of(files.values().stream().map(ArtifactRef::sha256).collect(Collectors.joining("\n")));
        StageLocation location = new StageLocation(request.runId(), STAGE, LANGUAGE,
                CacheKey.of(STAGE, CODE_VERSION, LANGUAGE, digest, "import"));
        ArtifactRef weights = files.get(ModelCheckpoint.MODEL);
        return run(request, location, weights, work -> {
            Path bundle = Files.createDirectories(work.resolve("bundle"));
            for (Map.Entry<String, ArtifactRef> file : files.entrySet()) {
                store.download(file.getValue(), bundle.resolve(file.getKey()));
                Activity.getExecutionContext().heartbeat(null);
            }
            return publishImported(request, location, weights, bundle, prefix, "imported");
        });
    }

    /** A LLaVA/PALO/MobileVLM checkpoint and its CLIP directory, converted by {@link LlavaImport}. */
    private StageResult importedCheckpoint(BaseModelRequest request, String prefix) throws IOException {
        StoredCheckpoint checkpoint = StoredCheckpoint.find(store, prefix);
        StageLocation location = new StageLocation(request.runId(), STAGE, LANGUAGE,
                CacheKey.of(STAGE, CODE_VERSION, LANGUAGE, checkpoint.digest(), "import-llava"));
        return run(request, location, checkpoint.config(), work -> {
            Path model = checkpoint.download(store, work.resolve("source"),
                    () -> Activity.getExecutionContext().heartbeat(null));
            Path bundle = Files.createDirectories(work.resolve("bundle"));
            LlavaImport.toBundle(model, bundle);
            return publishImported(request, location, checkpoint.config(), bundle, prefix, "imported-llava");
        });
    }

    /**
     * The stage template with one more way to reuse: after this run's finished output and the stage cache, a version
     * registered with the same cache key (its manifest committed as a cache hit) saves the work too.
     */
    private StageResult run(BaseModelRequest request, StageLocation location, ArtifactRef input,
                            StageTemplate.ScratchWork<Manifest> work) throws IOException {
        return stage.run(location, STAGE + "-", scratch -> {
            Optional<Manifest> registered = registered(request, location, input);
            return registered.isPresent() ? registered.get() : work.run(scratch);
        });
    }

    /** A cache-hit manifest for the registered version with this cache key, if its bundle is still in the store. */
    private Optional<Manifest> registered(BaseModelRequest request, StageLocation location, ArtifactRef input)
            throws IOException {
        Optional<RegisteredVersion> registered = registry.find(request.modelName(), CACHE_KEY_TAG, location.cacheKey());
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        String key = registered.get().tags().get(BUNDLE_KEY_TAG);
        Optional<ArtifactRef> bundle = key == null ? Optional.empty() : store.stat(key);
        if (bundle.isEmpty()) {
            return Optional.empty(); // registered, but its bundle is gone from this store: train again
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("registered_version", Double.parseDouble(registered.get().version()));
        return Optional.of(new Manifest(STAGE, LANGUAGE, location.runId(), location.cacheKey(), CODE_VERSION, input,
                bundle.get(), true, metrics));
    }

    /** An imported bundle, checked, with where it came from and its size figures; the manifest to commit last. */
    private Manifest publishImported(BaseModelRequest request, StageLocation location, ArtifactRef input, Path bundle,
                                     String prefix, String mode) throws IOException {
        PaloConfig config = ImportedBaseModel.validate(bundle);
        BaseBundleInfo info = new BaseBundleInfo(STAGE, TEMPLATE, store.uri(prefix), null, mode, null, FROZEN, null,
                null);
        Map<String, Double> metrics = Map.of("vocab_size", (double) config.textConfig().vocabSize(),
                "lm_layers", (double) config.textConfig().numHiddenLayers());
        return publish(request, location, input, bundle, info, metrics);
    }

    /** Writes palo-bundle.json, stores and registers the bundle and logs it; the manifest to commit last. */
    private Manifest publish(BaseModelRequest request, StageLocation location, ArtifactRef input, Path bundle,
            BaseBundleInfo info, Map<String, Double> metrics) throws IOException {
        byte[] infoJson = JSON.writeValueAsBytes(info);
        Files.write(bundle.resolve(INFO), infoJson);
        ArtifactRef ref = directories.upload(location.key(BUNDLE), bundle);
        // the base model in LLaVA's/PALO's/HF's layouts, stored beside the bundle and registered with it
        ArtifactRef export = BundleExports.export(directories, tracker, request.trackingRunId(), bundle, null, "base",
                ModelCheckpoint.readConfig(bundle).textConfig().maxPositionEmbeddings(), bundle.getParent(),
                location.key(BundleExports.EXPORT));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(CACHE_KEY_TAG, location.cacheKey());
        tags.put(BUNDLE_KEY_TAG, ref.uri().substring(store.uri("").length()));
        tags.put(EXPORT_KEY_TAG, export.uri().substring(store.uri("").length()));
        tags.put("palo.stage", STAGE);
        tags.put("palo.mode", info.mode());
        tags.put("palo.code_version", CODE_VERSION);
        tags.put("palo.input_sha256", input.sha256());
        tags.put("palo.bundle_sha256", ref.sha256());
        RegisteredVersion version = registry.register(request.modelName(), ref.uri(), request.trackingRunId(), tags);
        tracker.uploadArtifact(request.trackingRunId(), BUNDLE + INFO, infoJson, "application/json");
        tracker.setTag(request.trackingRunId(), "palo.registered_model", version.name() + "/" + version.version());
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            tracker.logMetric(request.trackingRunId(), metric.getKey(), metric.getValue(), 0);
        }
        Map<String, Double> summary = new LinkedHashMap<>(metrics);
        summary.put("registered_version", Double.parseDouble(version.version()));
        return new Manifest(STAGE, LANGUAGE, location.runId(), location.cacheKey(), CODE_VERSION, input, ref, false,
                summary);
    }

    private static Map<String, Double> metrics(BaseModelReport report) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("vocab_size", (double) report.vocabSize());
        metrics.put("lm_steps", (double) report.lmSteps());
        metrics.put("lm_final_loss", report.lmFinalLoss());
        metrics.put("lm_tokens_per_second", report.lmTokensPerSecond());
        report.visionAccuracy().forEach((slot, accuracy) -> metrics.put("vision_accuracy_" + slot, accuracy));
        report.heldOut().forEach((language, loss) -> {
            metrics.put("held_out_loss_" + language, loss.loss());
            metrics.put("held_out_perplexity_" + language, loss.perplexity());
            metrics.put("held_out_bits_per_char_" + language, loss.bitsPerChar());
        });
        report.seconds().forEach((phase, seconds) -> metrics.put("seconds_" + phase, seconds));
        // a retry that restored the finished LM ran no step: it has no final loss to report
        metrics.values().removeIf(value -> !Double.isFinite(value));
        return metrics;
    }

    private static Map<String, String> params(BaseModelSettings settings) {
        Map<String, String> params = new LinkedHashMap<>();
        JSON.convertValue(settings, new TypeReference<Map<String, Object>>() { })
                .forEach((k, v) -> params.put("base_" + k, String.valueOf(v)));
        return params;
    }
}
