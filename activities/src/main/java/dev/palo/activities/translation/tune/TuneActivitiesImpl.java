package dev.palo.activities.translation.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.model.translator.TranslationPair;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tune stage: the base translator's backend tunes it on the corrected pairs, and the tuned
 * translator is stored as {@code translator.json} (the {@link TranslatorRef}) before the manifest.
 * Same pairs, backend settings and code version → the cached translator of an earlier run. Without a
 * single pair (nobody corrected or accepted anything) there is nothing to learn: the base translator
 * is the result, recorded with {@code pairs = 0}.
 */
public final class TuneActivitiesImpl implements TuneActivities {
    /** Bump when the output for the same input and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "2";
    static final String OUTPUT = "translator.json";
    private static final String MEDIA_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;
    private final TranslatorTuner openAi;
    private final TranslatorTuner local;

    /**
     * @param apiKeys        resolves the fine-tuning API's key by the name the settings carry
     * @param initialBackoff first wait before retrying a 429/5xx answer of the fine-tuning API
     * @param maxBackoff     longest such wait
     * @param workRoot       the local backend's scratch space and bundle cache
     */
    public TuneActivitiesImpl(ObjectStore store, Tracker tracker, ApiKeys apiKeys, Duration initialBackoff,
                              Duration maxBackoff, Path workRoot) {
        this.store = store;
        this.stage = new StageTemplate(store);
        this.tracker = tracker;
        this.openAi = new OpenAiTuner(apiKeys, initialBackoff, maxBackoff);
        this.local = new LocalTuner(store, tracker, workRoot);
    }

    @Override
    public TuneResult tune(TuneRequest request) {
        if (!request.config().supports(request.base())) {
            throw StageErrors.invalid("tune settings have no " + request.base().backend() + " settings for translator "
                    + request.base().model());
        }
        TranslatorTuner tuner = TranslatorRef.LOCAL.equals(request.base().backend()) ? local : openAi;
        String code = request.language().code();
        StageLocation location = new StageLocation(request.runId(), STAGE, code,
                CacheKey.of(STAGE, CODE_VERSION, code, inputDigest(request), tuner.identity(request)));
        return StageErrors.standard().llava(request.pairs()).run(() -> stage.run(location,
                done -> new TuneResult(read(done.output()), done), () -> tune(request, tuner, location)));
    }

    /** Tunes on the review's pairs (and outside corrections) and stores the translator; its manifest to commit. */
    private StageTemplate.Outcome<TuneResult> tune(TuneRequest request, TranslatorTuner tuner, StageLocation location)
            throws IOException {
        String code = request.language().code();
        List<TranslationPair> pairs = new ArrayList<>(TrainingPairs.read(store, request.pairs(), code));
        Map<String, String> params = new LinkedHashMap<>(Map.of("tune.backend", request.base().backend(),
                "tune.base", request.base().model(), "tune.pairs.sha256", request.pairs().sha256()));
        int outside = 0;
        if (request.corrections() != null) {
            List<TranslationPair> corrections = TrainingPairs.read(store, request.corrections(), code);
            outside = corrections.size();
            pairs.addAll(corrections);
            params.put("tune.corrections.sha256", request.corrections().sha256());
        }
        tracker.logParams(request.trackingRunId(), params);
        TunedTranslator tuned = pairs.isEmpty() ? new TunedTranslator(request.base(), Map.of())
                : tuner.tune(request, location, pairs, Activity.getExecutionContext());
        Map<String, Double> metrics = new LinkedHashMap<>(tuned.metrics());
        metrics.put("pairs", (double) pairs.size());
        if (request.corrections() != null) {
            metrics.put("pairs.outside", (double) outside);
        }
        ArtifactRef output = store.put(location.key(OUTPUT), JSON.writeValueAsBytes(tuned.translator()), MEDIA_TYPE, 1);
        Manifest manifest = new Manifest(STAGE, code, request.runId(), location.cacheKey(), CODE_VERSION,
                request.pairs(), output, false, metrics);
        return new StageTemplate.Outcome<>(manifest, result -> new TuneResult(tuned.translator(), result));
    }

    /**
     * The review's pairs, and the outside corrections when the run has some: without them the digest is the pairs'
     * own, so the cache entries of runs before outside corrections existed still hit.
     */
    private static String inputDigest(TuneRequest request) {
        return request.corrections() == null ? request.pairs().sha256()
                : Sha256.of(request.pairs().sha256() + "\n" + request.corrections().sha256());
    }

    private TranslatorRef read(ArtifactRef translator) throws IOException {
        try (InputStream in = store.open(translator)) {
            return JSON.readValue(in, TranslatorRef.class);
        }
    }
}
