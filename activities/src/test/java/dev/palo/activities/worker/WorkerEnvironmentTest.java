package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerEnvironmentTest {
    @Test
    void anEmptyEnvironmentIsTheLocalStack() {
        WorkerEnvironment env = WorkerEnvironment.read(Map.of());

        assertEquals("127.0.0.1:7233", env.worker().temporalAddress());
        assertEquals("http://127.0.0.1:9000", env.s3().endpoint());
        assertEquals("http://127.0.0.1:5000", env.mlflowUri());
        assertEquals("127.0.0.1:9092", env.kafka().bootstrap());
        assertEquals("text", env.logFormat());
        assertNull(env.metricsAddress());
    }

    @Test
    void eachPartReadsItsOwnVariables() {
        WorkerEnvironment env = WorkerEnvironment.read(Map.of("PALO_TEMPORAL_NAMESPACE", "ns", "PALO_S3_BUCKET", "b",
                "PALO_MLFLOW_URI", "http://mlflow:5000", "PALO_EVENTS_TOPIC", "events", "PALO_LOG_FORMAT", "json",
                "PALO_METRICS_HOST", "0.0.0.0", "PALO_METRICS_PORT", "9100"));

        assertEquals("ns", env.worker().namespace());
        assertEquals("b", env.s3().bucket());
        assertEquals("http://mlflow:5000", env.mlflowUri());
        assertEquals("events", env.kafka().eventsTopic());
        assertEquals("json", env.logFormat());
        assertEquals(9100, env.metricsAddress().getPort());
        assertEquals("ns2", env.withWorker(env.worker().inNamespace("ns2")).worker().namespace());
    }

    @Test
    void aLogFormatWithoutAnAppenderIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerEnvironment.read(Map.of("PALO_LOG_FORMAT", "xml")));
        assertTrue(e.getMessage().contains("PALO_LOG_FORMAT"), e.getMessage());
    }
}
