package dev.palo.activities.storage;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON-lines stream (one JSON value per line: answers, reviews) into records. */
public final class JsonLineReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLineReader() {
    }

    public static <T> List<T> read(InputStream in, Class<T> type) throws IOException {
        List<T> values = new ArrayList<>();
        try (MappingIterator<T> lines = JSON.readerFor(type).readValues(in)) {
            while (lines.hasNextValue()) {
                values.add(lines.nextValue());
            }
        }
        return values;
    }
}
