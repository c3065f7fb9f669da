package dev.palo.activities.translation.base;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.LocalFolders;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.ModelRegistry;
import dev.palo.activities.tracking.RegisteredVersion;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.training.BundleExports;
import dev.palo.activities.training.TrainingMetrics;
import dev.palo.model.train.StepResult;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.model.translator.TranslationPair;
import dev.palo.model.translator.TranslatorConfig;
import dev.palo.model.translator.TranslatorTraining;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.translation.base.BaseTranslatorConfig;
import dev.palo.workflows.translation.base.PrepareTranslatorRequest;
import dev.palo.workflows.translation.base.TranslatorActivities;
import dev.palo.workflows.translation.base.TranslatorModel;
import dev.palo.workflows.translation.translate.TranslatorRef;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Base translator training: reads the seed files, trains (or resumes from the newest checkpoint in the store),
 * checkpoints the training state every {@code checkpointEverySteps} steps, then uploads the translator as a model
 * bundle, registers it in the model registry (once per cache key) and writes the stage manifest last. Loss and
 * tokens/s go to the stage's MLflow run per step.
 */
public final class TranslatorActivitiesImpl implements TranslatorActivities {
    /** Bump when the output for the same inputs and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "1";
    /** One multilingual model: the stage location's language slot. */
    static final String LANGUAGE = "multi";
    static final String CACHE_KEY_TAG = "cache_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;
    private final ModelRegistry registry;
    private final TranslatorBundles bundles;
    private final Path workRoot;

    /** {@code workRoot} holds each attempt's seed files and training states, and the download cache. */
    public TranslatorActivitiesImpl(ObjectStore store, Tracker tracker, ModelRegistry registry, Path workRoot) {
        this.store = store;
        this.stage = new StageTemplate(store, workRoot);
        this.tracker = tracker;
        this.registry = registry;
        this.workRoot = workRoot;
        this.bundles = new TranslatorBundles(store, workRoot.resolve("translator-cache"));
    }

    @Override
    public TranslatorModel prepareBase(PrepareTranslatorRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        TranslatorConfig config = translatorConfig(request.config());
        return StageErrors.standard().illegalArguments("base translator: ").run(() -> {
            StageLocation location = locate(request, config);
            return stage.run(location, "translator-base-", done -> model(request, location, done),
                    work -> trainAndStore(request, config, location, work, context));
        });
    }

    /** Trains (or resumes) on the seed pairs, stores and registers the translator; its manifest to commit. */
    private StageTemplate.Outcome<TranslatorModel> trainAndStore(PrepareTranslatorRequest request,
            TranslatorConfig config, StageLocation location, Path work, ActivityExecutionContext context)
            throws IOException {
        List<TranslationPair> pairs = seedPairs(request.seeds(), work);
        track(request, runId -> tracker.logParams(runId, params(request.config(), config, pairs.size())));
        TrainingCheckpoints checkpoints = new TrainingCheckpoints(store, workRoot.resolve("translator-cache"), location);
        Optional<Path> state = checkpoints.latest();
        try (TranslatorTraining training = state.isPresent()
                ? TranslatorTraining.resume(config, pairs, state.get())
                : TranslatorTraining.start(config, pairs)) {
            Map<String, Double> metrics = train(request, training, checkpoints, work, context);
            metrics.put("pairs", (double) pairs.size());
            try (LocalTranslator translator = training.result()) {
                metrics.put("parameters", (double) translator.parameterCount());
                metrics.put("languages", (double) translator.languages().size());
                ArtifactRef bundle = bundles.upload(location.key("bundle"), translator, STAGE,
                        Map.of("preset", request.config().preset(), "config", config),
                        new TranslatorBundles.Export(location.key(BundleExports.EXPORT), STAGE, tracker,
                                request.trackingRunId()));
                ArtifactRef seeds = store.put(location.key("seeds.json"), JSON.writeValueAsBytes(request.seeds()),
                        "application/json", request.seeds().size());
                RegisteredVersion version = registered(request, location, bundle);
                Manifest manifest = new Manifest(STAGE, LANGUAGE, request.runId(), location.cacheKey(), CODE_VERSION,
                        seeds, bundle, false, metrics);
                return new StageTemplate.Outcome<>(manifest, result -> new TranslatorModel(
                        TranslatorRef.local(request.config().modelName(), bundle), result, version.version()));
            }
        }
    }

    /** Steps to the end, heartbeating each step and storing a checkpoint every interval; returns summary figures. */
    private Map<String, Double> train(PrepareTranslatorRequest request, TranslatorTraining training,
                                      TrainingCheckpoints checkpoints, Path work, ActivityExecutionContext context)
            throws IOException {
        int resumedAt = training.stepsDone();
        int every = request.config().checkpointEverySteps();
        track(request, runId -> tracker.logMetric(runId, TrainingMetrics.TOTAL_STEPS, training.totalSteps(), 0));
        long started = System.nanoTime();
        long tokens = 0;
        double lastLoss = Double.NaN;
        while (!training.finished()) {
            long stepStart = System.nanoTime();
            StepResult step = training.step();
            double seconds = (System.nanoTime() - stepStart) / 1e9;
            tokens += step.tokens();
            lastLoss = step.loss();
            track(request, runId -> {
                tracker.logMetric(runId, "loss", step.loss(), step.step());
                tracker.logMetric(runId, "tokens_per_second", step.tokens() / seconds, step.step());
            });
            int done = step.step() + 1;
            if (done % every == 0 && !training.finished()) {
                Path stateDir = work.resolve("state-" + done);
                training.saveState(stateDir);
                checkpoints.save(done, stateDir);
                LocalFolders.delete(stateDir);
            }
            context.heartbeat(done);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("steps", (double) training.totalSteps());
        metrics.put("resumed_from_step", (double) resumedAt);
        metrics.put("loss.final", lastLoss);
        metrics.put("train_seconds", seconds);
        metrics.put("tokens_per_second", seconds > 0 ? tokens / seconds : 0);
        return metrics;
    }

    /** The translator of a finished stage (this run's retry or a cache hit), registered if it was not yet. */
    private TranslatorModel model(PrepareTranslatorRequest request, StageLocation location, StageResult result)
            throws IOException {
        RegisteredVersion version = registered(request, location, result.output());
        return new TranslatorModel(TranslatorRef.local(request.config().modelName(), result.output()), result,
                version.version());
    }

    /** One registry version per cache key: an attempt that registered and then died is not registered twice. */
    private RegisteredVersion registered(PrepareTranslatorRequest request, StageLocation location, ArtifactRef bundle)
            throws IOException {
        String name = request.config().modelName();
        Optional<RegisteredVersion> existing = registry.find(name, CACHE_KEY_TAG, location.cacheKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(CACHE_KEY_TAG, location.cacheKey());
        tags.put("seeds_sha256", seedsDigest(request.seeds()));
        tags.put("stage", STAGE);
        tags.put("run_id", request.runId());
        tags.put("preset", request.config().preset());
        return registry.register(name, bundle.uri(), request.trackingRunId(), tags);
    }

    private List<TranslationPair> seedPairs(List<ArtifactRef> seeds, Path work) throws IOException {
        List<TranslationPair> pairs = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            Path file = work.resolve("seed-" + i + ".jsonl");
            store.download(seeds.get(i), file);
            pairs.addAll(SeedPairs.read(file));
        }
        return pairs;
    }

    /** Seed contents (in request order), preset, epochs, seed and model name; the checkpoint interval is left out. */
    private static StageLocation locate(PrepareTranslatorRequest request, TranslatorConfig config) throws IOException {
        BaseTranslatorConfig settings = request.config();
        // sorted: Map.of iterates in an order that differs from JVM to JVM, which made the key miss after a restart
        String identity = JSON.writeValueAsString(new TreeMap<>(Map.of("model_name", settings.modelName(),
                "preset", settings.preset(), "config", config)));
        return new StageLocation(request.runId(), STAGE, LANGUAGE,
                CacheKey.of(STAGE, CODE_VERSION, LANGUAGE, seedsDigest(request.seeds()), identity));
    }

    private static String seedsDigest(List<ArtifactRef> seeds) {
        return Sha256.of(seeds.stream().map(ArtifactRef::sha256).collect(Collectors.joining("\n")));
    }

    private static TranslatorConfig translatorConfig(BaseTranslatorConfig settings) {
        try {
            TranslatorConfig preset = TranslatorConfig.preset(settings.preset());
            double epochs = settings.epochs() > 0 ? settings.epochs() : preset.epochs();
            return preset.withTraining(preset.learningRate(), epochs, preset.batchSize()).withSeed(settings.seed());
        } catch (IllegalArgumentException e) {
            throw StageErrors.invalid("base translator config: " + e.getMessage());
        }
    }

    private static Map<String, String> params(BaseTranslatorConfig settings, TranslatorConfig config, int pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model_name", settings.modelName());
        params.put("preset", settings.preset());
        params.put("checkpoint_every_steps", String.valueOf(settings.checkpointEverySteps()));
        params.put("pairs", String.valueOf(pairs));
        JSON.convertValue(config, Map.class).forEach((key, value) -> params.put("translator." + key, String.valueOf(value)));
        return params;
    }

    private interface TrackingCall {
        void run(String runId) throws IOException;
    }

    private void track(PrepareTranslatorRequest request, TrackingCall call) throws IOException {
        if (request.trackingRunId() != null) {
            call.run(request.trackingRunId());
        }
    }
}
