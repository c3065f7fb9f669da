package dev.palo.services.ui;

import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.StageProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run as a Gantt chart: one row per run-level stage and per language, a bar per stage from its real start to its
 * end (or to now while it runs), drawn as SVG on the server.
 *
 * @param rows  top to bottom
 * @param ticks time marks along the axis
 */
public record Timeline(List<Row> rows, List<Tick> ticks, int width, int height) {
    static final int LABEL = 170;
    static final int PLOT = 720;
    static final int ROW = 18;
    static final int AXIS = 20;

    public record Row(String label, int y, List<Bar> bars) {
    }

    /** @param css the stage's state ({@code completed}, {@code running}…) */
    public record Bar(String stage, String css, int x, int width, String title) {
    }

    public record Tick(int x, String text) {
    }

    static Timeline of(RunDetail run, Instant now) {
        Instant start = run.startTime();
        Instant end = run.closeTime() != null ? run.closeTime() : now;
        double span = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
        List<Row> rows = new ArrayList<>();
        for (StageProgress stage : run.stages()) {
            rows.add(new Row(stage.title(), rows.size() * ROW, bars(List.of(stage), start, span, now)));
        }
        for (LanguageProgress language : run.languages()) {
            rows.add(new Row(language.language(), rows.size() * ROW, bars(language.stages(), start, span, now)));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            long seconds = Math.round(span / 1000 * i / 4);
            ticks.add(new Tick(LABEL + PLOT * i / 4, RunView.durationOf(seconds)));
        }
        return new Timeline(rows, ticks, LABEL + PLOT + 40, rows.size() * ROW + AXIS);
    }

    private static List<Bar> bars(List<StageProgress> stages, Instant start, double span, Instant now) {
        List<Bar> bars = new ArrayList<>();
        for (StageProgress stage : stages) {
            if (stage.startedAt() == null) {
                continue;
            }
            Instant to = stage.endedAt() != null ? stage.endedAt() : now;
            int x = LABEL + (int) Math.round((stage.startedAt().toEpochMilli() - start.toEpochMilli()) / span * PLOT);
            int width = Math.max(2, (int) Math.round((to.toEpochMilli() - stage.startedAt().toEpochMilli()) / span
                    * PLOT));
            bars.add(new Bar(stage.stage(), stage.status().toLowerCase(Locale.ROOT), Math.max(LABEL, x), width,
                    String.format(Locale.ROOT, "%s %s: %s → %s (%s)", stage.stage(), stage.label(),
                            stage.startedAt(), stage.endedAt() == null ? "running" : stage.endedAt(),
                            RunView.duration(stage.startedAt(), stage.endedAt(), now))));
        }
        return bars;
    }
}
