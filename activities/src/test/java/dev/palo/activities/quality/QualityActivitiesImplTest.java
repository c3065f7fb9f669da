package dev.palo.activities.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.PostEditedSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.metric.ChrF;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.quality.ChrfRequest;
import dev.palo.workflows.quality.ChrfScore;
import dev.palo.workflows.quality.QualityActivities;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chrF of a translation against PALO-mini gold found next to the English source in the store. */
class QualityActivitiesImplTest {
    private static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    private static final String MINI = "datasets/mini/";

    @TempDir
    Path work;
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordingTracker tracker = new RecordingTracker();
    private TestActivityEnvironment env;
    private String run;
    private ArtifactRef origin;
    private List<LlavaRecord> translated;

    @BeforeEach
    void start() throws IOException {
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new QualityActivitiesImpl(store, tracker, work));
        run = tracker.findOrCreateRun("palo", "translate ar", Map.of("palo.stage", "translate"), null);
        translated = PostEditedSamples.records(4, "ar");
        origin = store.put(MINI + "instruct/english.json", LlavaSamples.json(LlavaSamples.records(4)),
                "application/json", 4);
        // gold for three of the four records: the fourth has none and is left out
        List<LlavaRecord> gold = translated.subList(0, 3).stream().map(record -> LlavaRecord.of(record.id(),
                record.image(), PostEditedSamples.gold(record, "ar"))).toList();
        store.put(MINI + "gold/ar.json", LlavaSamples.json(gold), "application/json", gold.size());
        store.put(MINI + "manifest.json", ("{\"translation_sets\":{\"ar\":{\"source\":\"instruct/english.json\","
                + "\"gold\":\"gold/ar.json\"}}}").getBytes(StandardCharsets.UTF_8), "application/json", 0);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private ChrfScore chrf(ArtifactRef origin) throws IOException {
        ArtifactRef file = store.put("runs/r/translate/ar/translated.json", LlavaSamples.json(translated),
                "application/json", translated.size());
        return env.newActivityStub(QualityActivities.class).chrf(new ChrfRequest(ARABIC, file, origin, run));
    }

    @Test
    void corpusChrfOverEveryTurnWithGoldIsLoggedOnTheStageRun() throws Exception {
        List<String> hypotheses = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (LlavaRecord record : translated.subList(0, 3)) {
            List<Turn> gold = PostEditedSamples.gold(record, "ar");
            for (int t = 0; t < gold.size(); t++) {
                hypotheses.add(record.conversations().get(t).value().replace(Turn.IMAGE_TOKEN, "").strip());
                references.add(gold.get(t).value().replace(Turn.IMAGE_TOKEN, "").strip());
            }
        }
        double expected = ChrF.corpus(hypotheses, references);

        ChrfScore score = chrf(origin);

        assertTrue(score.measured());
        assertEquals(expected, score.chrf(), 1e-9);
        assertEquals(hypotheses.size(), score.turns());
        assertEquals(List.of(new RecordingTracker.Metric(run, QualityActivitiesImpl.CHRF, expected, 0),
                        new RecordingTracker.Metric(run, QualityActivitiesImpl.CHRF_TURNS, hypotheses.size(), 0)),
                tracker.metrics);
        assertEquals(store.uri(MINI + "gold/ar.json"), tracker.runTags.get(run).get(QualityActivitiesImpl.GOLD_TAG));
    }

    @Test
    void theImagePlaceholderNeverCountsAsAMatch() throws Exception {
        translated = translated.stream().map(record -> new LlavaRecord(record.id(), record.image(),
                record.conversations().stream().map(turn -> new Turn(turn.from(),
                        turn.value().contains(Turn.IMAGE_TOKEN) ? Turn.IMAGE_TOKEN : "")).toList(),
                record.englishConversations(), Map.of(), false, "ar", Map.of())).toList();

        assertEquals(0.0, chrf(origin).chrf());
    }

    @Test
    void aSourceWithoutPaloMiniGoldIsSkippedWithTheReasonAndNoMetric() throws Exception {
        ArtifactRef elsewhere = store.put("uploads/english.json", LlavaSamples.json(LlavaSamples.records(4)),
                "application/json", 4);

        ChrfScore score = chrf(elsewhere);

        assertFalse(score.measured());
        assertTrue(score.note().contains("no PALO-mini manifest.json above " + elsewhere.uri()), score.note());
        assertTrue(tracker.metrics.isEmpty());
        assertEquals(score.note(), tracker.runTags.get(run).get(QualityActivitiesImpl.SKIPPED_TAG));
    }

    @Test
    void aManifestNamingAnotherSourceIsNotThisSourcesGold() throws Exception {
        ArtifactRef other = store.put(MINI + "instruct/other.json", LlavaSamples.json(LlavaSamples.records(4)),
                "application/json", 4);

        assertFalse(chrf(other).measured());
        assertTrue(tracker.metrics.isEmpty());
    }
}
