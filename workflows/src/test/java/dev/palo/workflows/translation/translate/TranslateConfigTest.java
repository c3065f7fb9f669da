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
        return TranslateConfig.endpoint("http://127.0.0.1:1/v1", "m").chunkSize(2).concurrency(2)
                .rateLimits(600, 60_000).maxAttempts(3).heartbeatTimeout(heartbeatTimeout).build();
    }

    @Test
    void withoutAHeartbeatTimeoutTheLongStageDefaultApplies() {
        TranslateConfig implicit = TranslateConfig.endpoint("http://127.0.0.1:1/v1", "m").chunkSize(2).concurrency(2)
                .rateLimits(600, 60_000).maxAttempts(3).build();

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
                () -> TranslateConfig.endpoint("http://127.0.0.1:1/v1", "m").chunkSize(-1).concurrency(2)
                        .rateLimits(600, 60_000).maxAttempts(3).build());
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
    }

    @Test
    void theBuilderLeavesUnsetFieldsToTheRecordsDefaultsAndRoundTrips() {
        TranslateConfig named = TranslateConfig.endpoint("http://127.0.0.1:1/v1", "m").build();

        assertEquals(new TranslateConfig("http://127.0.0.1:1/v1", "m", null, TranslateConfig.DEFAULT_CHUNK_SIZE,
                TranslateConfig.DEFAULT_CONCURRENCY, TranslateConfig.DEFAULT_REQUESTS_PER_MINUTE,
                TranslateConfig.DEFAULT_TOKENS_PER_MINUTE, TranslateConfig.DEFAULT_MAX_ATTEMPTS,
                ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT), named);
        TranslateConfig full = TranslateConfig.endpoint("https://api.example.org/v1", "gpt").apiKeySecret("KEY")
                .chunkSize(8).concurrency(3).rateLimits(100, 5_000).maxAttempts(2)
                .heartbeatTimeout(Duration.ofSeconds(30)).build();
        assertEquals(full, full.toBuilder().build());
        assertEquals("KEY", full.apiKeySecret());
        assertEquals(5_000, full.tokensPerMinute());
    }
}
