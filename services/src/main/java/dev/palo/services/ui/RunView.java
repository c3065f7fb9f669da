package dev.palo.services.ui;

import dev.palo.services.datasets.Validation;
import dev.palo.services.runs.Durations;
import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.RunStatus;
import dev.palo.services.runs.StageProgress;
import dev.palo.workflows.StageResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run arranged for its page: the stage × language matrix (a column per language stage, in pipeline order), the
 * run-level stages with their progress, curves and quarantine, and the timeline of every stage.
 *
 * @param columns     the language stages, in the order the languages run them
 * @param rows        one per language, a cell per column (null where the language has no such stage)
 * @param validations the run's validate stages' reports (quarantine per reason, download), once stored
 */
public record RunView(RunDetail run, List<String> columns, List<Row> rows, List<Cell> runStages, String duration,
                      long quarantined, Timeline timeline, List<Validation> validations) {
    public record Row(LanguageProgress language, List<Cell> cells) {
    }

    /**
     * One stage, with what the page prints about it.
     *
     * @param progress its bar while it runs (null when it counts nothing)
     * @param chart    a training stage's loss and learning-rate curves (null without)
     */
    public record Cell(StageProgress stage, String duration, String counts, ProgressBar progress, CurveChart chart) {
        /** A stage that runs and has started: its duration ticks on the page. */
        public boolean running() {
            return stage != null && stage.startedAt() != null && stage.endedAt() == null
                    && RunStatus.RUNNING.equals(stage.status());
        }

        public String cssClass() {
            return stage == null ? "none" : stage.status().toLowerCase();
        }

        /** How long its activity has waited for a worker lane, as of the live view's clock; blank when it does not. */
        public String waited() {
            return stage == null || !stage.waitingForLane() ? "" : Durations.between(stage.waitingSince(), null, clock());
        }

        /** An ended stage's wait for a worker lane, part of its duration: {@code queued 34 s}; blank under 1 s. */
        public String queued() {
            return stage == null ? "" : stage.queued();
        }

        /** chrF to one decimal, as Table 1 prints scores; blank where none was measured. */
        public String chrf() {
            return stage == null || stage.chrf() == null ? "" : String.format(Locale.ROOT, "%.1f", stage.chrf());
        }
    }

    /**
     * The run as of {@code now}: the live view passes a time rounded to {@link #CLOCK}, so a run whose progress did
     * not change renders the same fragment for that long (its viewers receive nothing new); the page's script ticks
     * the running durations in between.
     */
    static RunView of(RunDetail run, List<Validation> validations, Instant now) {
        Set<String> names = new LinkedHashSet<>();
        run.languages().forEach(language -> language.stages().forEach(stage -> names.add(stage.stage())));
        List<String> columns = List.copyOf(names);
        List<Row> rows = new ArrayList<>();
        for (LanguageProgress language : run.languages()) {
            List<Cell> cells = new ArrayList<>();
            for (String column : columns) {
                cells.add(language.stages().stream().filter(stage -> stage.stage().equals(column)).findFirst()
                        .map(stage -> cell(stage, now)).orElse(new Cell(null, "", "", null, null)));
            }
            rows.add(new Row(language, cells));
        }
        long quarantined = run.stages().stream().filter(stage -> stage.stage().equals("validate"))
                .mapToLong(stage -> Math.round(stage.metrics().getOrDefault("quarantined", 0.0))).sum();
        return new RunView(run, columns, rows, run.stages().stream().map(stage -> cell(stage, now)).toList(),
                duration(run.startTime(), run.closeTime(), now), quarantined, Timeline.of(run, now), validations);
    }

    public boolean running() {
        return RunStatus.RUNNING.equals(run.status());
    }

    private static Cell cell(StageProgress stage, Instant now) {
        return new Cell(stage, stage.startedAt() == null ? "" : duration(stage.startedAt(), stage.endedAt(), now),
                counts(stage.metrics()), ProgressBar.of(stage, now), CurveChart.of(stage.curves()));
    }

    /** The stage's figures as a short line: {@code samples 3 · flagged 1}; quarantine reasons have their own list. */
    private static String counts(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder();
        metrics.entrySet().stream().filter(entry -> !entry.getKey().startsWith("quarantine.")
                        && !entry.getKey().equals(StageResult.QUEUE_WAIT_SECONDS))
                .sorted(Map.Entry.comparingByKey()).limit(6).forEach(entry -> {
                    if (!text.isEmpty()) {
                        text.append(" · ");
                    }
                    double value = entry.getValue();
                    text.append(entry.getKey()).append(' ').append(value == Math.rint(value)
                            ? Long.toString((long) value) : String.format("%.3g", value));
                });
        return text.toString();
    }

    static String duration(Instant start, Instant end, Instant now) {
        return Durations.between(start, end, now);
    }

    /** The step of the time the live view renders with (durations, ETAs, the timeline's running bars). */
    static final java.time.Duration CLOCK = java.time.Duration.ofSeconds(10);

    /** Now, rounded down to {@link #CLOCK}. */
    static Instant clock() {
        long step = CLOCK.toMillis();
        return Instant.ofEpochMilli(System.currentTimeMillis() / step * step);
    }

    static String durationOf(long seconds) {
        return Durations.of(seconds);
    }
}
