package dev.palo.benchmarks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of the Python anchors in {@code benchmarks/python} with the project venv's interpreter. Each script prints
 * one JSON object as its last line of output (its own timing and counts), which is what this returns; its stderr
 * passes through.
 */
public final class PythonAnchor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonAnchor() {
    }

    /**
     * The project venv's interpreter ({@code PALO_HOME/venv}, which {@code ./palo bench} installs first); the
     * {@code python3} on the PATH where it is missing (a test before the stack was ever installed: the anchors need
     * only the standard library).
     */
    public static Path interpreter(Path paloHome) {
        Path venv = paloHome.resolve("venv").resolve("bin").resolve("python3");
        return Files.isExecutable(venv) ? venv : Path.of("python3");
    }

    public static JsonNode run(Path python, Path script, List<String> arguments) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(script.getFileName() + " exited with " + exit + ": " + out);
        }
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
