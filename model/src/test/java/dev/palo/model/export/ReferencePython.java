package dev.palo.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The reference Python stack (transformers, PEFT, torch) the export tests compare against: {@code ./palo test} (CI)
 * installs it into {@code .palo/venv-model} and passes {@code -Dpalo.export.python.required=true}, which makes a
 * missing stack a failure; a plain {@code mvn test} without it skips those tests and says so.
 */
public final class ReferencePython {
    private ReferencePython() {
    }

    /** The interpreter, once it has the reference stack: required in CI, else the test is skipped with the reason. */
    public static String require() throws IOException, InterruptedException {
        String python = python();
        String missing = missingPackages(python);
        if (Boolean.getBoolean("palo.export.python.required")) {
            assertEquals("", missing, "the model-export test stack is required (" + python + ")");
        }
        assumeTrue(missing.isEmpty(), "skipped: " + python + " lacks " + missing
                + " (./palo test installs infra/local/requirements-model.txt)");
        return python;
    }

    /** The reference stack's interpreter ({@code palo.home}/venv-model), where ./palo test installs it. */
    static String python() {
        Path venv = Path.of(System.getProperty("palo.home", ".palo"), "venv-model", "bin", "python3");
        return Files.isExecutable(venv) ? venv.toString() : "python3";
    }

    /** The reference packages the interpreter cannot import, or "" when all are there. */
    static String missingPackages(String python) throws IOException, InterruptedException {
        String script = "import importlib.util as u\n"
                + "print(' '.join(m for m in ('torch', 'transformers', 'peft', 'safetensors', 'sentencepiece') if u.find_spec(m) is None))";
        Process p = new ProcessBuilder(python, "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "a working interpreter (" + output + ")";
        }
        return output;
    }
}
