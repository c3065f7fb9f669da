package dev.palo.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployment's offline checks in the Maven build: {@code tests/check_terraform.py} parses every .tf
 * file with python-hcl2 and checks it against the code, and {@code tests/test_check_terraform.py} shows
 * that each kind of drift or leaked secret makes it fail. Both run with the stack's Python
 * ({@code .palo/venv}, where {@code ./palo up} installs the parser); no cluster, no Terraform CLI.
 */
class TerraformOfflineChecksTest {
    private static final Path TERRAFORM = Path.of(System.getProperty("palo.terraform.dir", "."));
    private static final Path TESTS = TERRAFORM.resolve("tests");

    @Test
    void theDeploymentMatchesTheCode() throws Exception {
        Result result = python(List.of(TESTS.resolve("check_terraform.py").toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(": OK"), result.output());
    }

    @Test
    void theChecksCatchDriftAndSecrets() throws Exception {
        Result result = python(List.of("-m", "unittest", "-q", "test_check_terraform"));
        assertEquals(0, result.exitCode(), result.output());
    }

    private static Result python(List<String> args) throws IOException, InterruptedException {
        Path python = Path.of(System.getProperty("palo.python", ".palo/venv/bin/python"));
        assertTrue(Files.isExecutable(python), python + " is missing: './palo up' (or './palo test') creates the "
                + "stack's Python environment with the HCL2 parser from infra/local/requirements.txt");
        Path log = Files.createTempFile("palo-terraform-check", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(python.toString());
            builder.command().addAll(args);
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // nothing written into the source tree
            Process process = builder.directory(TESTS.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the Terraform checks did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
