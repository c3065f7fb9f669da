package dev.palo.activities.postedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import dev.palo.workflows.postedit.QaConfig;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostEditActivitiesImplTest {
    private static final TargetLanguage FRENCH = new TargetLanguage("fr", "French");
    private static final List<Turn> ENGLISH = List.of(
            Turn.human("<image>\nWhat colour is the large square in the picture?"),
            Turn.gpt("The large square in the picture is red."));

    @TempDir
    Path work;
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordingTracker tracker = new RecordingTracker();
    private TestActivityEnvironment environment;
    private PostEditActivities activities;

    @BeforeEach
    void start() {
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(
                new PostEditActivitiesImpl(store, tracker, LanguageRegistry.palo(), work));
        activities = environment.newActivityStub(PostEditActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
    }

    @AfterEach
    void stop() {
        environment.close();
    }

    private static LlavaRecord translated(String id, Boolean corrupt, String question, String answer) {
        return new LlavaRecord(id, "img.png", List.of(Turn.human(question), Turn.gpt(answer)), ENGLISH, Map.of(),
                corrupt, "fr", Map.of());
    }

    private ArtifactRef upload(List<LlavaRecord> records) {
        return store.put("runs/r/translate/fr/k/translated.json", LlavaSamples.json(records), "application/json",
                records.size());
    }

    private PostEditRequest request(String runId, ArtifactRef input) {
        return new PostEditRequest(runId, FRENCH, input, QaConfig.defaults(), "stage-run");
    }

    @Test
    void editsPunctuationFlagsFailuresKeepsEarlierFlagsAndReportsCountsPerReason() throws Exception {
        String space = LanguageRegistry.palo().get("fr").punctuation().spaceBeforeQuestionMark();
        ArtifactRef input = upload(List.of(
                translated("good", false, "<image>\nDe quelle couleur est le grand carré sur l'image?",
                        "Le grand carré sur l'image est rouge."),
                translated("english", false, ENGLISH.get(0).value(), "Le grand carré sur l'image est rouge."),
                translated("flagged-before", true, "<image>\nDe quelle couleur est le grand carré sur l'image ?",
                        "Le grand carré sur l'image est rouge.")));

        StageResult result = activities.postEdit(request("run-1", input));

        List<LlavaRecord> out;
        try (LlavaJsonReader reader = new LlavaJsonReader(
                new ByteArrayInputStream(store.bytes(result.output())), result.output().uri())) {
            out = reader.stream().toList();
        }
        assertEquals("<image>\nDe quelle couleur est le grand carré sur l'image" + space + "?",
                out.get(0).conversations().get(0).value());
        assertFalse(out.get(0).corrupt());
        assertTrue(out.get(1).corrupt());
        assertTrue(out.get(2).corrupt(), "a translate-stage flag survives post-edit");
        assertEquals(ENGLISH, out.get(0).englishConversations());
        assertEquals(3.0, result.metrics().get("samples"));
        assertEquals(2.0, result.metrics().get("corrupt"));
        assertEquals(1.0, result.metrics().get(QaReason.UNTRANSLATED.metric()));
        assertEquals(0.0, result.metrics().get(QaReason.WRONG_SCRIPT.metric()));

        byte[] report = tracker.artifacts.get("stage-run/reports/" + PostEditActivitiesImpl.REPORT);
        JsonNode flagged = new ObjectMapper().readTree(report).path("flagged");
        assertEquals(1, flagged.size());
        assertEquals("english", flagged.get(0).path("id").asText());
        assertEquals(QaReason.UNTRANSLATED.name(), flagged.get(0).path("reasons").get(0).asText());
    }

    @Test
    void sameInputInAnotherRunIsACacheHit() {
        ArtifactRef input = upload(List.of(translated("good", false, "<image>\nDe quelle couleur est-il ?",
                "Il est rouge.")));
        StageResult first = activities.postEdit(request("run-1", input));

        StageResult second = activities.postEdit(request("run-2", input));

        assertFalse(first.cacheHit());
        assertTrue(second.cacheHit());
        assertEquals(first.output(), second.output());
    }

    @Test
    void inputWithoutEnglishConversationsIsRejected() {
        ArtifactRef input = upload(LlavaSamples.records(1));

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> activities.postEdit(request("run-1", input)));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.getOriginalMessage().contains("english_conversations"), cause.getOriginalMessage());
    }
}
