package dev.palo.activities.evaluate.report;

import dev.palo.activities.evaluate.LanguageScore;
import dev.palo.activities.evaluate.ScoresFile;
import dev.palo.activities.evaluate.judge.PythonRound;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.lang.ResourceLevel;
import dev.palo.workflows.dataset.DatasetArm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The paper's Table 1 for one run: a row per arm (baseline first) and the PALO − baseline delta
 * row when both arms were evaluated; a column per evaluated language in the registry's order (the
 * paper's: en zh fr es ru ja ar hi bn ur), then Avg.H over the high-resource ones, Avg.L over the
 * low-resource ones and Avg. over all, each present only when it averages something. Averages are
 * of the per-language figures, rounded to one decimal as the paper prints them; the delta is of
 * the printed figures.
 *
 * @param columns column names: language codes, then the average columns
 * @param rows    label and one value per column
 */
public record Table1(List<String> columns, List<Row> rows) {
    public static final String AVG_HIGH = "Avg.H";
    public static final String AVG_LOW = "Avg.L";
    public static final String AVG = "Avg.";
    public static final String DELTA = "palo − baseline";

    public record Row(String label, List<Double> values) {
        public Row {
            values = List.copyOf(values);
        }

        /** The value in a column, by name. */
        public double value(Table1 table, String column) {
            int at = table.columns().indexOf(column);
            if (at < 0) {
                throw new IllegalArgumentException("Table 1 has no column '" + column + "'; columns: " + table.columns());
            }
            return values.get(at);
        }
    }

    public Table1 {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The table of the primary scorer's figures. */
    public static Table1 of(List<ScoresFile> arms, LanguageRegistry registry) {
        return of(arms, registry, LanguageScore::score);
    }

    /**
     * The table of another figure of each language ({@code figure} null where a scores file lacks it: then the table
     * cannot be made and this fails).
     */
    public static Table1 of(List<ScoresFile> arms, LanguageRegistry registry, Function<LanguageScore, Double> figure) {
        Map<String, ScoresFile> byArm = new HashMap<>();
        for (ScoresFile arm : arms) {
            if (byArm.put(arm.arm(), arm) != null) {
                throw new IllegalArgumentException("arm '" + arm.arm() + "' has more than one scores file");
            }
        }
        List<ScoresFile> ordered = new ArrayList<>();
        for (DatasetArm arm : DatasetArm.values()) {
            if (byArm.containsKey(arm.code())) {
                ordered.add(byArm.remove(arm.code()));
            }
        }
        if (!byArm.isEmpty() || ordered.isEmpty()) {
            throw new IllegalArgumentException("Table 1 needs scores of the baseline and/or palo arm, got "
                    + arms.stream().map(ScoresFile::arm).toList());
        }
        List<Language> languages = evaluatedLanguages(ordered, registry);
        List<String> columns = new ArrayList<>(languages.stream().map(Language::code).toList());
        List<Predicate<Language>> averages = new ArrayList<>();
        addAverage(columns, averages, languages, AVG_HIGH, l -> l.resourceLevel() == ResourceLevel.HIGH);
        addAverage(columns, averages, languages, AVG_LOW, l -> l.resourceLevel() == ResourceLevel.LOW);
        addAverage(columns, averages, languages, AVG, l -> true);

        List<Row> rows = new ArrayList<>();
        for (ScoresFile arm : ordered) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (LanguageScore score : arm.languages()) {
                Double value = figure.apply(score);
                if (value == null) {
                    throw new IllegalArgumentException("arm '" + arm.arm() + "' has no such figure for " + score.language());
                }
                scores.put(score.language(), value);
            }
            List<Double> values = new ArrayList<>(languages.stream().map(l -> scores.get(l.code())).toList());
            for (Predicate<Language> group : averages) {
                values.add(mean(languages.stream().filter(group).map(l -> scores.get(l.code())).toList()));
            }
            rows.add(new Row(arm.arm(), values));
        }
        if (rows.size() == 2) {
            List<Double> delta = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                delta.add(PythonRound.round(rows.get(1).values().get(c) - rows.get(0).values().get(c), 1));
            }
            rows.add(new Row(DELTA, delta));
        }
        return new Table1(columns, rows);
    }

    /** Languages every arm was scored in, in registry order; arms must agree on them. */
    private static List<Language> evaluatedLanguages(List<ScoresFile> arms, LanguageRegistry registry) {
        List<String> codes = arms.get(0).languages().stream().map(LanguageScore::language).sorted().toList();
        for (ScoresFile arm : arms) {
            List<String> armCodes = arm.languages().stream().map(LanguageScore::language).sorted().toList();
            if (!armCodes.equals(codes)) {
                throw new IllegalArgumentException("arms were scored in different languages: " + arms.get(0).arm()
                        + " " + codes + ", " + arm.arm() + " " + armCodes);
            }
        }
        codes.forEach(registry::get);
        return registry.all().stream().filter(l -> codes.contains(l.code())).toList();
    }

    private static void addAverage(List<String> columns, List<Predicate<Language>> averages, List<Language> languages,
                                   String name, Predicate<Language> group) {
        if (languages.stream().anyMatch(group)) {
            columns.add(name);
            averages.add(group);
        }
    }

    private static double mean(List<Double> values) {
        return PythonRound.round(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 1);
    }
}
