package dev.palo.workflows.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.workflows.ActivityPolicies;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TranslateConfigTest {
    private static final ObjectMapper TEMPORAL_JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

    private static TranslateConfig withHeartbeat(Duration heartbeatTimeout) {
        return new TranslateConfig("http://127.0.0.1:1/v1", "m", null, 2, 2, 600, 60_000, 3, heartbeatTimeout);
    }

    @Test
    void withoutAHeartbeatTimeoutTheLongStageDefaultApplies() {
        TranslateConfig implicit = new TranslateConfig("http://127.0.0.1:1/v1", "m", null, 2, 2, 600, 60_000, 3);

        assertEquals(ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT, implicit.heartbeatTimeout());
        assertEquals(implicit, withHeartbeat(null));
    }

    @Test
    void theHeartbeatTimeoutSurvivesTemporalsJsonAndAnOlderPayloadWithoutItGetsTheDefault() throws Exception {
        TranslateConfig config = withHeartbeat(Duration.ofSeconds(5));
        String json = TEMPORAL_JSON.writeValueAsString(config);

        assertEquals(config, TEMPORAL_JSON.readValue(json, TranslateConfig.class));
        String older = TEMPORAL_JSON.writeValueAsString(
                ((ObjectNode) TEMPORAL_JSON.readTree(json)).without("heartbeatTimeout"));
        assertEquals(ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT,
                TEMPORAL_JSON.readValue(older, TranslateConfig.class).heartbeatTimeout());
    }

    @Test
    void aHeartbeatTimeoutUnderASecondIsRejectedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withHeartbeat(Duration.ofMillis(200)));

        assertTrue(e.getMessage().contains("heartbeatTimeout") && e.getMessage().contains("PT0.2S"), e.getMessage());
    }

    @Test
    void limitsLeftOutOfARequestTakeTheirDefaultsAndNegativeOnesAreRefused() throws Exception {
        TranslateConfig leftOut = TEMPORAL_JSON.readValue("{\"baseUrl\": \"http://127.0.0.1:1/v1\", \"model\": \"m\"}",
                TranslateConfig.class);

        assertEquals(TranslateConfig.DEFAULT_CHUNK_SIZE, leftOut.chunkSize());
        assertEquals(TranslateConfig.DEFAULT_CONCURRENCY, leftOut.concurrency());
        assertEquals(TranslateConfig.DEFAULT_REQUESTS_PER_MINUTE, leftOut.requestsPerMinute());
        assertEquals(TranslateConfig.DEFAULT_TOKENS_PER_MINUTE, leftOut.tokensPerMinute());
        assertEquals(TranslateConfig.DEFAULT_MAX_ATTEMPTS, leftOut.maxAttempts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TranslateConfig("http://127.0.0.1:1/v1", "m", null, -1, 2, 600, 60_000, 3));
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
    }
}
