package dev.palo.benchmarks.bench;

import dev.palo.activities.dataset.DatasetBuildRow;
import dev.palo.activities.evaluate.GenerationRow;
import dev.palo.activities.training.TrainingStepRow;
import dev.palo.benchmarks.OrchestrationRow;
import dev.palo.benchmarks.TranslateCostRow;
import dev.palo.benchmarks.TranslateRow;
import dev.palo.data.validate.ValidateRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The rows {@code ./palo bench} knows, by name, in the order the table prints them. */
public final class BenchRegistry {
    private final Map<String, Supplier<BenchRow>> rows = new LinkedHashMap<>();

    /** Every row of the issue, in table order. */
    public static BenchRegistry standard() {
        return new BenchRegistry()
                .register("training-step", TrainingStepRow::new)
                .register("generation", GenerationRow::new)
                .register("dataset-build", DatasetBuildRow::new)
                .register("validate", ValidateRow::new)
                .register("translate", TranslateRow::new)
                .register("translate-cost", TranslateCostRow::new)
                .register("orchestration", OrchestrationRow::new);
    }

    public BenchRegistry register(String name, Supplier<BenchRow> row) {
        if (rows.putIfAbsent(name, row) != null) {
            throw new IllegalArgumentException("row '" + name + "' is registered twice");
        }
        return this;
    }

    public List<String> names() {
        return List.copyOf(rows.keySet());
    }

    /** A new instance of the row called {@code name}. */
    public BenchRow create(String name) {
        return supplier(name).get();
    }

    private Supplier<BenchRow> supplier(String name) {
        Supplier<BenchRow> row = rows.get(name);
        if (row == null) {
            throw new IllegalArgumentException("no bench row '" + name + "'; rows: " + String.join(",", names()));
        }
        return row;
    }

    /** The names asked for, checked, in table order; every row when {@code asked} is empty. */
    public List<String> select(List<String> asked) {
        asked.forEach(this::supplier);
        List<String> selected = new ArrayList<>(names());
        if (!asked.isEmpty()) {
            selected.retainAll(asked);
        }
        return selected;
    }
}
