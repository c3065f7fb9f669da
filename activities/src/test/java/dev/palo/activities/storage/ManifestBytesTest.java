package dev.palo.activities.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stage manifest's JSON is the same bytes in every JVM: its metrics were a {@code Map.copyOf}, whose iteration
 * order is salted per process, so the same stage output was stored as different bytes by different workers.
 */
class ManifestBytesTest {
    private static final int OTHER_JVMS = 3;

    @Test
    void theSameManifestIsTheSameBytesInOtherJvms() throws Exception {
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

    /** Prints this JVM's bytes of the manifest, Base64. */
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
        Manifest manifest = new Manifest("translate", "fr", "r", "key", "1", ref, ref, false, Map.copyOf(metrics));
        return Base64.getEncoder().encodeToString(new ObjectMapper().writeValueAsBytes(manifest));
    }
}
