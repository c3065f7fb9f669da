package dev.palo.activities.postedit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import dev.palo.workflows.postedit.QaConfig;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The post-edit + QA stage: streams the translated samples once, applies the language's
 * punctuation, flags samples that fail QA as {@code corrupt} (keeping any earlier flag) and writes
 * the edited file, a QA report (counts per reason, flagged ids) and the manifest, last. Work is
 * local and fast, so a retry redoes it whole; heartbeats only prove the worker alive.
 */
public final class PostEditActivitiesImpl implements PostEditActivities {
    /** Bump when the output for the same input and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "1";
    static final String OUTPUT = "post-edited.json";
    static final String REPORT = "qa-report.json";
    private static final String MEDIA_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEARTBEAT_EVERY = 1000;

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;
    private final LanguageRegistry registry;
    private final LanguageDetectors detectors;

    public PostEditActivitiesImpl(ObjectStore store, Tracker tracker, LanguageRegistry registry, Path workRoot) {
        this.store = store;
        this.stage = new StageTemplate(store, workRoot);
        this.tracker = tracker;
        this.registry = registry;
        this.detectors = new LanguageDetectors(registry);
    }

    @Override
    public StageResult postEdit(PostEditRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Language language = registry.get(request.language().code());
        return StageErrors.standard().llava(request.translated()).run(() -> {
            String config = JSON.writeValueAsString(editSettings(request.qa())) + "\n" + language;
            StageLocation location = new StageLocation(request.runId(), STAGE, language.code(),
                    CacheKey.of(STAGE, CODE_VERSION, language.code(), request.translated().sha256(), config));
            return stage.run(location, "post-edit-", work -> edit(request, language, location, work, context));
        });
    }

    private Manifest edit(PostEditRequest request, Language language, StageLocation location, Path work,
                          ActivityExecutionContext context) throws IOException {
        PunctuationEditor punctuation = new PunctuationEditor(language.punctuation());
        TranslationQa qa = new TranslationQa(language, request.qa(), detectors.get(language));
        Map<QaReason, Long> counts = new EnumMap<>(QaReason.class);
        ArrayNode flagged = JSON.createArrayNode();
        long samples = 0;
        long corrupt = 0;
        long editedTurns = 0;
        Path output = work.resolve(OUTPUT);
        try (InputStream in = store.open(request.translated());
             LlavaJsonReader reader = new LlavaJsonReader(in, request.translated().uri());
             LlavaJsonWriter writer = LlavaJsonWriter.create(output)) {
            while (reader.hasNext()) {
                LlavaRecord record = reader.next();
                if (record.englishConversations() == null) {
                    throw StageErrors.invalid("sample '" + record.id() + "' of " + request.translated().uri()
                            + " has no english_conversations: not a translate output");
                }
                List<Turn> edited = record.conversations().stream()
                        .map(turn -> new Turn(turn.from(), punctuation.edit(turn.value()))).toList();
                for (int i = 0; i < edited.size(); i++) {
                    editedTurns += edited.get(i).equals(record.conversations().get(i)) ? 0 : 1;
                }
                Set<QaReason> reasons = qa.check(record.englishConversations(), edited);
                reasons.forEach(reason -> counts.merge(reason, 1L, Long::sum));
                boolean isCorrupt = Boolean.TRUE.equals(record.corrupt()) || !reasons.isEmpty();
                if (!reasons.isEmpty()) {
                    ObjectNode entry = flagged.addObject().put("id", record.id());
                    reasons.forEach(reason -> entry.withArray("reasons").add(reason.name()));
                }
                writer.write(new LlavaRecord(record.id(), record.image(), edited, record.englishConversations(),
                        record.languageConversations(), isCorrupt, record.language(), record.extra()));
                samples++;
                corrupt += isCorrupt ? 1 : 0;
                if (samples % HEARTBEAT_EVERY == 0) {
                    context.heartbeat(samples);
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("samples", (double) samples);
        metrics.put("corrupt", (double) corrupt);
        metrics.put("punctuation.editedTurns", (double) editedTurns);
        for (QaReason reason : QaReason.values()) {
            metrics.put(reason.metric(), (double) counts.getOrDefault(reason, 0L));
        }
        byte[] report = report(metrics, flagged);
        store.put(location.key(REPORT), report, MEDIA_TYPE, flagged.size());
        tracker.uploadArtifact(request.trackingRunId(), "reports/" + REPORT, report, MEDIA_TYPE);
        ArtifactRef ref = store.put(location.key(OUTPUT), output, MEDIA_TYPE, samples);
        return new Manifest(STAGE, language.code(), request.runId(), location.cacheKey(), CODE_VERSION,
                request.translated(), ref, false, metrics);
    }

    /**
     * The settings that decide this stage's output, as the cache key has always spelled them: the language's floor
     * is judged by its workflow after the last post-edit and changes nothing written here.
     */
    private static Map<String, Object> editSettings(QaConfig qa) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("minLengthRatio", qa.minLengthRatio());
        settings.put("maxLengthRatio", qa.maxLengthRatio());
        settings.put("minScriptShare", qa.minScriptShare());
        settings.put("minLettersToCheck", qa.minLettersToCheck());
        return settings;
    }

    private static byte[] report(Map<String, Double> metrics, ArrayNode flagged) throws IOException {
        ObjectNode report = JSON.createObjectNode();
        report.set("counts", JSON.valueToTree(metrics));
        report.set("flagged", flagged);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
    }
}
