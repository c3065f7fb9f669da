package dev.palo.activities.translation.base;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.tracking.ModelRegistry;
import dev.palo.activities.tracking.Tracker;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.base.BaseTranslatorConfig;
import dev.palo.workflows.translation.base.PrepareTranslatorRequest;
import dev.palo.workflows.translation.base.TranslatorActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny translation seed files in PALO-mini's format, and an activity stub over chosen backends. */
final class TranslatorFixtures {
    static final List<String> LANGUAGES = List.of("fr", "es");
    private static final String[][] COUNTS = {{"one", "un", "un"}, {"two", "deux", "dos"}, {"three", "trois", "tres"}};
    private static final String[][] SHAPES = {{"circle", "cercle", "circulo"}, {"square", "carre", "cuadrado"}};
    private static final ObjectMapper JSON = new ObjectMapper();

    private TranslatorFixtures() {
    }

    /** One seed file per language: 6 sentences, the first with the image placeholder, as PALO-mini writes them. */
    static List<ArtifactRef> seeds(ObjectStore store, String prefix) throws IOException {
        List<ArtifactRef> refs = new ArrayList<>();
        for (int language = 1; language <= LANGUAGES.size(); language++) {
            StringBuilder lines = new StringBuilder();
            int id = 0;
            for (String[] count : COUNTS) {
                for (String[] shape : SHAPES) {
                    String image = id == 0 ? "<image>\n" : "";
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", String.format("seed-%06d", id++));
                    entry.put("lang", LANGUAGES.get(language - 1));
                    entry.put("source", image + "There are " + count[0] + " " + shape[0] + "s.");
                    entry.put("target", image + count[language] + " " + shape[language] + ".");
                    entry.put("gold", image + count[language] + " " + shape[language] + " !");
                    entry.put("errors", List.of());
                    lines.append(JSON.writeValueAsString(entry)).append('\n');
                }
            }
            refs.add(store.put(prefix + "translation-seed/" + LANGUAGES.get(language - 1) + ".jsonl",
                    lines.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson", id));
        }
        return refs;
    }

    /** The tiny preset for 4 epochs (12 pairs in batches of 8: 6 steps), a checkpoint every 2 steps. */
    static BaseTranslatorConfig config(String modelName) {
        return BaseTranslatorConfig.of(modelName, BaseTranslatorConfig.TINY_PRESET).withEpochs(4).withSeed(7)
                .withCheckpointEvery(2);
    }

    /** A request whose stage run is found or created in {@code tracker}, as the pipeline's tracking activity does. */
    static PrepareTranslatorRequest request(Tracker tracker, String runId, List<ArtifactRef> seeds,
                                            BaseTranslatorConfig config) throws IOException {
        String trackingRunId = tracker.findOrCreateRun("palo-translator-tests", TranslatorActivities.STAGE,
                Map.of("palo.run_id", runId, "palo.stage", TranslatorActivities.STAGE), null);
        return new PrepareTranslatorRequest(runId, seeds, config, trackingRunId);
    }

    /** A stub calling the activity once per call (no retries), so a test plays the retry itself. */
    static TranslatorActivities stub(List<TestActivityEnvironment> environments, ObjectStore store, Tracker tracker,
                                     ModelRegistry registry, Path work) {
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new TranslatorActivitiesImpl(store, tracker, registry, work));
        environments.add(environment);
        return environment.newActivityStub(TranslatorActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }
}
