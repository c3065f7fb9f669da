package dev.palo.activities.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stage's stored JSON is the same bytes in every JVM: its manifest as {@link StageOutputs} writes it to the store,
 * and its {@link StageResult} as Temporal's data converter writes it into the workflow history. Their metrics were a
 * {@code Map.copyOf}, whose iteration order is salted per process, so the same stage output was stored as different
 * bytes by different workers.
 */
class ManifestBytesTest {
    private static final int OTHER_JVMS = 3;

    @Test
    void theSameStageOutputIsTheSameBytesInOtherJvms() throws Exception {
        String here = encoded();
        for (int jvm = 0; jvm < OTHER_JVMS; jvm++) {
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), ManifestBytesTest.class.getName()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("JVM " + jvm + " did not finish");
            }
            String there = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            assertEquals(here, there, "JVM " + jvm + " wrote other bytes: "
                    + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Prints this JVM's bytes of the stored manifest and of the history's stage result, Base64, one per line. */
    public static void main(String[] args) throws IOException {
        System.out.println(encoded());
    }

    private static String encoded() throws IOException {
        Map<String, Double> metrics = new HashMap<>();
        for (String name : new String[] {"samples", "turns", "corrupt", "chunks", "qa.length_ratio", "qa.wrong_script",
                "quarantined.unsafe_image_path", "records.fr", "records.ar", "records.hi", "loss", "chrf"}) {
            metrics.put(name, (double) name.length());
        }
        ArtifactRef ref = new ArtifactRef("s3://palo/runs/r/translate/fr/translated.json", "ab12", 10,
                "application/json", 42);
        InMemoryObjectStore store = new InMemoryObjectStore();
        StageLocation location = new StageLocation("r", "translate", "fr", "key");
        StageResult result = new StageOutputs(store).commit(location,
                new Manifest("translate", "fr", "r", "key", "1", ref, ref, false, Map.copyOf(metrics)));
        byte[] manifest = store.bytes(store.stat(location.manifestKey()).orElseThrow());
        byte[] history = DefaultDataConverter.STANDARD_INSTANCE.toPayload(result).orElseThrow().getData().toByteArray();
        return Base64.getEncoder().encodeToString(manifest) + "\n" + Base64.getEncoder().encodeToString(history);
    }
}
