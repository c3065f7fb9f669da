package dev.palo.benchmarks.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the anchor checks that run PyTorch share: the model venv's Python, required where {@code ./palo test} (CI) says
 * so with {@code -Dpalo.export.python.required=true} and a skip that says why elsewhere, and a bench context of one
 * quick run for the anchors' scripts.
 */
public final class ModelVenvAnchors {
    private ModelVenvAnchors() {
    }

    /** The model venv's {@code python3}; fails where it is required and missing, skips the test where it is not. */
    public static Path python() {
        Path python = Path.of(System.getProperty("palo.home", ".palo"), "venv-model", "bin", "python3");
        if (Boolean.getBoolean("palo.export.python.required")) {
            assertTrue(Files.isExecutable(python), "the model venv is required: " + python);
        }
        assumeTrue(Files.isExecutable(python), "skipped: no model venv at " + python + " (./palo test installs it)");
        return python;
    }

    /** A quick bench context whose scripts are the repository's, with {@code python} as the model venv's. */
    public static BenchContext context(Path python, Path scratch) {
        return new BenchContext(true, 0, 3, Path.of("").toAbsolutePath().getParent(), Path.of("python3"), python,
                scratch, Map.of());
    }
}
