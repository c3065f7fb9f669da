package dev.palo.benchmarks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every row gets: the size ({@code quick} scales inputs down so the whole table takes minutes), how often to
 * repeat, where the repository and its Python venv are, and a scratch folder for inputs.
 *
 * @param quick   the few-minute version: smaller inputs, same comparisons
 * @param warmUps untimed runs first, for the JIT and the page cache
 * @param repeats timed runs after them (at least 3)
 * @param root    the repository root (benchmarks/python lives there)
 * @param python  the project venv's interpreter that runs the standard-library Python anchors
 * @param modelPython the model venv's interpreter (torch, transformers) for the model anchors; may be missing
 * @param work    scratch space for generated inputs, removed by the rows that fill it
 * @param env     the environment (stack addresses, PALO_HOME)
 */
public record BenchContext(boolean quick, int warmUps, int repeats, Path root, Path python, Path modelPython,
                           Path work, Map<String, String> env) {
    public BenchContext {
        if (repeats < 3) {
            throw new IllegalArgumentException("./palo bench repeats every figure at least 3 times, asked " + repeats);
        }
    }

    /** A Python anchor's script, {@code benchmarks/python/NAME}. */
    public Path script(String name) {
        return root.resolve("benchmarks").resolve("python").resolve(name);
    }

    /** A fresh folder for one row's inputs. */
    public Path scratch(String row) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(work), row + "-");
    }

    /** Removes a scratch folder and everything in it; nothing when it is gone already. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
