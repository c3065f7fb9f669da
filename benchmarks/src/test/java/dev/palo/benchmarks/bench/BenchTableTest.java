package dev.palo.benchmarks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTableTest {
    @Test
    void medianRatioTargetAndNotMeasuredRowsInOneTable() {
        Measure ours = Measure.of(List.of(30.0, 10.0, 20.0), "MB/s", "ours");
        assertEquals(20.0, ours.value(), "the median of the repeats");
        assertEquals(List.of(30.0, 10.0, 20.0), ours.samples(), "every repeat kept, in order");
        BenchFigure measured = BenchFigure.measured("build vs raw read", ours, Measure.single(1000, "MB/s", "cat"),
                0.02, Target.atLeast(0.5), "ratio: build over cat");
        BenchFigure skipped = BenchFigure.notMeasured("training step vs PyTorch", Target.atMost(1.1), "no anchor yet");
        assertEquals(false, measured.met());
        assertNull(skipped.met());
        assertTrue(Target.atMost(0.02).met(0.01));

        String table = BenchTable.render(new BenchReport("./palo bench --quick", "2026-12-06T23:00:00Z",
                "2026-12-06T23:10:00Z", 2, true, 3, List.of(new BenchResult("dataset-build", measured, "1.00 0.90 0.80",
                        "1.50 1.00 0.90"), new BenchResult("training-step", skipped, "1.50 1.00 0.90",
                        "1.50 1.00 0.90"))));

        List<String> lines = table.lines().toList();
        assertEquals("| 1 | dataset-build | build vs raw read | 20 MB/s | 1,000 MB/s | 0.0200× | ≥ 0.500× | **no** |"
                + " 1.00 0.90 0.80 → 1.50 1.00 0.90 |", lines.get(2));
        assertEquals("| 2 | training-step | training step vs PyTorch | not measured | not measured | — | ≤ 1.10× | — |"
                + " 1.50 1.00 0.90 → 1.50 1.00 0.90 |", lines.get(3));
        assertTrue(table.contains("2. not measured: no anchor yet"), table);
    }

    @Test
    void aContextFigureHasNoTargetAndNoVerdict() {
        Measure ours = Measure.single(50, "MB/s", "ours");
        Measure ceiling = Measure.single(200, "MB/s", "parse");
        Measure raw = Measure.single(5000, "MB/s", "cat");
        List<BenchFigure> figures = ParseCeiling.figures("validate", ours, ceiling, raw);

        assertEquals(0.04, figures.get(0).ratio(), 1e-12, "the ceiling over cat");
        assertEquals(0.25, figures.get(1).ratio(), 1e-12, "ours over the ceiling");
        assertNull(figures.get(1).met());
        String table = BenchTable.render(new BenchReport("./palo bench --quick", "2026-12-06T23:00:00Z",
                "2026-12-06T23:10:00Z", 2, true, 3, List.of(new BenchResult("validate", figures.get(1), "1.00 0.90 0.80",
                        "1.50 1.00 0.90"))));
        assertEquals("| 1 | validate | validate vs Jackson streaming parse of the same bytes | 50 MB/s | 200 MB/s | 0.250× |"
                + " — | — | 1.00 0.90 0.80 → 1.50 1.00 0.90 |", table.lines().toList().get(2));
    }

    @Test
    void theParseCeilingReadsEveryFileAndRefusesOneWithoutJson(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("a.json"), "[{\"id\": \"1\", \"v\": [1, 2.5, null]}]");
        assertTrue(ParseCeiling.seconds(List.of(json, json)) > 0);
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThrows(IOException.class, () -> ParseCeiling.seconds(List.of(empty)));
    }

    @Test
    void registryKeepsTableOrderAndRefusesUnknownRows() {
        BenchRegistry registry = BenchRegistry.standard();
        assertEquals(List.of("dataset-build", "validate"), registry.select(List.of("validate", "dataset-build")));
        assertEquals(registry.names(), registry.select(List.of()));
        assertThrows(IllegalArgumentException.class, () -> registry.select(List.of("nope")));
        assertThrows(IllegalArgumentException.class, () -> registry.register("validate", () -> context -> List.of()));
    }
}
