package dev.palo.data.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes JSON-lines files (one JSON object per line), the format of every LLaVA-Bench file. */
final class JsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {
    }

    static <T> List<T> read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("bench file " + file + " does not exist");
        }
        List<T> values = new ArrayList<>();
        try (MappingIterator<T> lines = MAPPER.readerFor(type).readValues(file.toFile())) {
            while (lines.hasNextValue()) {
                values.add(lines.nextValue());
            }
        } catch (IOException e) {
            throw new IOException(file + ": line " + (values.size() + 1) + ": " + e.getMessage(), e);
        }
        return values;
    }

    static void write(Path file, List<?> values) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object value : values) {
                out.write(MAPPER.writeValueAsString(value));
                out.write('\n');
            }
        }
    }
}
