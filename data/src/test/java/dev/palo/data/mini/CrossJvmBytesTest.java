package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.data.cli.DataCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same bytes, in every JVM: hash maps whose order is salted per process ({@code Map.of},
 * {@code Map.copyOf}) once made {@code manifest.json} differ between processes, and its hash addresses the
 * uploaded source, so the stage cache missed. The manifest holds every other file's sha256, so equal manifests
 * mean equal trees.
 */
class CrossJvmBytesTest {
    private static final int OTHER_JVMS = 3;

    @Test
    void tinyGeneratedInOtherJvmsHasTheSameManifestBytes(@TempDir Path folder) throws Exception {
        byte[] here = Files.readAllBytes(TinyWorld.root().resolve(MiniManifest.FILE));
        for (int i = 0; i < OTHER_JVMS; i++) {
            int jvm = i;
            Path out = folder.resolve("jvm-" + jvm);
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), DataCli.class.getName(), "mini", "--size", "tiny",
                    "--seed", Long.toString(TinyWorld.SEED), "--out", out.toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("jvm-" + jvm + ".log").toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("the generator in JVM " + jvm + " did not finish");
            }
            assertEquals(0, process.exitValue(), () -> log(folder, jvm));
            assertArrayEquals(here, Files.readAllBytes(out.resolve(MiniManifest.FILE)),
                    "manifest.json of JVM " + jvm + " differs from this JVM's");
        }
    }

    private static String log(Path folder, int jvm) {
        try {
            return String.join("\n", Files.readAllLines(folder.resolve("jvm-" + jvm + ".log")));
        } catch (IOException e) {
            return "no log: " + e;
        }
    }
}
