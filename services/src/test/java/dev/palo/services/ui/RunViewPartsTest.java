package dev.palo.services.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.RunLinks;
import dev.palo.services.runs.StageProgress;
import dev.palo.services.runs.TrainingCurves;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunViewPartsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRunningStageWithATotalShowsItsShareAndTheTimeLeftAtItsRate() {
        StageProgress translating = stage("translate", "ar", "RUNNING", T0, null, 10L, 40L, "chunks", null);

        ProgressBar bar = ProgressBar.of(translating, T0.plusSeconds(60));

        assertEquals(25, bar.percent());
        assertEquals("10 / 40 chunks", bar.text());
        assertEquals("ETA 3 min 0 s", bar.eta());
    }

    @Test
    void withoutATotalTheBarCountsAndWithoutACountItIsBusyOnly() {
        assertEquals("7 records", ProgressBar.of(stage("post-edit", "ar", "RUNNING", T0, null, 7L, null, "records",
                null), T0).text());
        assertEquals(-1, ProgressBar.of(stage("review", "ar", "RUNNING", T0, null, null, null, null, null), T0)
                .percent());
        assertNull(ProgressBar.of(stage("translate", "ar", "COMPLETED", T0, T0, 4L, 4L, "chunks", null), T0));
    }

    @Test
    void validateAndDatasetBuildWithTheirInputsRecordCountShowAShareAndTheTimeLeft() {
        ProgressBar validating = ProgressBar.of(stage("validate", "en", "RUNNING", T0, null, 2000L, 8000L, "records",
                null), T0.plusSeconds(30));
        assertEquals(25, validating.percent());
        assertEquals("2000 / 8000 records", validating.text());
        assertEquals("ETA 1 min 30 s", validating.eta());

        ProgressBar reading = ProgressBar.of(stage("dataset-build", "palo", "RUNNING", T0, null, 6000L, 12000L,
                "records read", null), T0.plusSeconds(60));
        assertEquals(50, reading.percent());
        assertEquals("6000 / 12000 records read", reading.text());
        assertEquals("ETA 1 min 0 s", reading.eta());
    }

    @Test
    void theReviewCellCountsDecidedTasksOfTheSampleWithItsQuorum() {
        StageProgress review = new StageProgress("review", "ar", "RUNNING", T0, null, null, Map.of("quorum", 2.0), null,
                null, null, null, null, null, 1L, 3L, "reviewed", null, null);
        RunDetail run = new RunDetail("run-1", "RUNNING", T0, null, "s3://palo/en.json", null, List.of(),
                List.of(new LanguageProgress("ar", "run-1-ar", "RUNNING", List.of(review), null, List.of())), null,
                new RunLinks("t", "m"));

        RunView.Cell cell = RunView.of(run, List.of(), T0.plusSeconds(20)).rows().get(0).cells().get(0);

        assertEquals("1 / 3 reviewed", cell.progress().text());
        assertEquals(33, cell.progress().percent());
        assertEquals("quorum 2", cell.counts());
    }

    @Test
    void aLongCurveDrawsAtMostTwoPointsPerPixelColumnKeepingItsSpikes() {
        List<TrainingCurves.Point> loss = new java.util.ArrayList<>();
        for (int step = 1; step <= 5_625; step++) {
            loss.add(new TrainingCurves.Point(step, step == 3_000 ? 9.0 : 2.0 + Math.sin(step)));
        }

        String line = CurveChart.line(loss, 5_625);

        int points = line.split(" ").length;
        assertTrue(points <= 2 * (CurveChart.WIDTH - 1), points + " points");
        // the one spike (the curve's maximum) still reaches the top edge of the plot
        assertTrue(line.contains(",2.0 "), line);
    }

    @Test
    void curvesScaleToTheScheduleAndTimelineBarsToTheRun() {
        TrainingCurves curves = new TrainingCurves(List.of(new TrainingCurves.Point(5, 4.0),
                new TrainingCurves.Point(10, 2.0)), List.of(new TrainingCurves.Point(5, 1e-3),
                new TrainingCurves.Point(10, 5e-4)), 20L);
        CurveChart chart = CurveChart.of(curves);
        assertEquals(10, chart.lastStep());
        // step 10 of 20 sits mid-width; the lowest loss at the bottom edge of the plot
        assertTrue(chart.loss().endsWith(String.format(java.util.Locale.ROOT, "%.1f,%.1f",
                10.0 / 20 * (CurveChart.WIDTH - 2) + 1, (double) CurveChart.HEIGHT - 2)), chart.loss());

        StageProgress validate = stage("validate", "en", "COMPLETED", T0, T0.plusSeconds(25), null, null, null, null);
        StageProgress translate = stage("translate", "ar", "RUNNING", T0.plusSeconds(25), null, null, null, null, null);
        RunDetail run = new RunDetail("run-1", "RUNNING", T0, null, "s3://palo/en.json", null, List.of(validate),
                List.of(new LanguageProgress("ar", "run-1-ar", "RUNNING", List.of(translate), null, List.of())), null,
                new RunLinks("t", "m"));
        Timeline timeline = Timeline.of(run, T0.plusSeconds(100));
        assertEquals(List.of("validate en", "ar"), timeline.rows().stream().map(Timeline.Row::label).toList());
        Timeline.Bar first = timeline.rows().get(0).bars().get(0);
        assertEquals(Timeline.LABEL, first.x());
        assertEquals(Timeline.PLOT / 4, first.width());
        Timeline.Bar running = timeline.rows().get(1).bars().get(0);
        assertEquals("running", running.css());
        assertEquals(Timeline.LABEL + Timeline.PLOT / 4, running.x());
        assertEquals(Timeline.PLOT * 3 / 4, running.width());
    }

    private static StageProgress stage(String name, String label, String status, Instant start, Instant end,
                                       Long done, Long total, String unit, TrainingCurves curves) {
        return new StageProgress(name, label, status, start, end, null, Map.of(), null, null, null, null, null, null,
                done, total, unit, curves, null);
    }
}
