package dev.palo.benchmarks.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The practical ceiling of any JSON stage on the same bytes: Jackson's streaming parser (the one our stages use) run
 * over the files on this thread, every token read and every string decoded, nothing built, checked or written. A
 * raw read ({@code cat}) only copies pages; a stage that reads JSON cannot be faster than this, so where a row misses
 * its raw-read target this figure says how much of the gap parsing alone accounts for.
 */
public final class ParseCeiling {
    private static final JsonFactory JSON = new JsonFactory();

    private ParseCeiling() {
    }

    /** Seconds one streaming pass over the files takes; the token count keeps the loop from being optimised away. */
    static double seconds(List<Path> files) throws IOException {
        long start = System.nanoTime();
        long tokens = 0;
        for (Path file : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                 JsonParser parser = JSON.createParser(in)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    // decoding the string is what every consumer of the value pays for
                    tokens += token == JsonToken.VALUE_STRING ? parser.getTextLength() : 1;
                }
            }
        }
        double seconds = Repeats.secondsSince(start);
        if (tokens == 0) {
            throw new IOException("no JSON tokens in " + files);
        }
        return seconds;
    }

    /** The ceiling as a measure: MB/s of {@code bytes} over each repeat, after the context's warm-ups. */
    public static Measure rate(BenchContext context, List<Path> files, long bytes) throws Exception {
        List<Double> rates = Repeats.of(context, index -> bytes / 1e6 / seconds(files));
        return Measure.of(rates, "MB/s", "Jackson's streaming parse of " + files.size() + " file(s), "
                + bytes / 1_000_000 + " MB, on one thread: every token read and every string decoded, nothing built");
    }

    /**
     * The two context figures beside a row's raw-read figure: the parse ceiling over {@code cat} (how close any JSON
     * stage can come to the raw-read target) and the stage over the ceiling (how much of that our code reaches).
     */
    public static List<BenchFigure> figures(String stage, Measure ours, Measure ceiling, Measure raw) {
        return List.of(
                BenchFigure.context("Jackson streaming parse (the " + stage + " ceiling) vs raw read of the same bytes",
                        ceiling, raw, ceiling.value() / raw.value(),
                        "ratio: parse MB/s over cat MB/s; no JSON stage can pass this share of the raw read"),
                BenchFigure.context(stage + " vs Jackson streaming parse of the same bytes", ours, ceiling,
                        ours.value() / ceiling.value(), "ratio: " + stage + " MB/s over the parse's MB/s"));
    }
}
