package dev.palo.workflows.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.ActivityPolicies;
import org.junit.jupiter.api.Test;

class EvaluateConfigTest {
    @Test
    void badSettingsAreRejectedNamingWhatIsWrong() {
        assertMessage("scorer kind must be", () -> new ScorerConfig("gpt", null, null, null, 0, 0, 0));
        assertMessage("judge baseUrl", () -> ScorerConfig.judge("localhost:8000", "m", null, 1, 60));
        assertMessage("judge model", () -> ScorerConfig.judge("http://127.0.0.1:1/v1", " ", null, 1, 60));
        assertMessage("judge concurrency", () -> ScorerConfig.judge("http://127.0.0.1:1/v1", "m", null, 0, 60));
        assertMessage("maxNewTokens", () -> new EvaluateConfig(0, 4, ScorerConfig.reference(), null));
        assertMessage("batchSize", () -> new EvaluateConfig(8, 0, ScorerConfig.reference(), null));
        assertMessage("needs a scorer", () -> new EvaluateConfig(8, 4, null, null));
    }

    @Test
    void kindIsCaseInsensitiveAndTheHeartbeatTimeoutDefaults() {
        assertTrue(new ScorerConfig("JUDGE", "https://api.openai.com/v1", "gpt-4", "OPENAI_API_KEY", 4, 60, 1024)
                .usesJudge());
        assertEquals(ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT,
                new EvaluateConfig(8, 4, ScorerConfig.reference(), null).heartbeatTimeout());
    }

    @Test
    void theDemoScoresContentFirstAndContentIsAnOfflineKind() {
        assertEquals(ScorerConfig.CONTENT, EvaluateConfig.offlineDefaults().scorer().kind());
        assertEquals(ScorerConfig.content(), new ScorerConfig("Content", null, null, null, 0, 0, 0));
        assertTrue(!ScorerConfig.content().usesJudge());
    }

    private static void assertMessage(String expected, Runnable construction) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
