package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTextTest {
    private final RunLinks links = new RunLinks("http://temporal/ui/run-1", "http://mlflow/#/runs/abc");

    @Test
    void showsOneLinePerLanguageAndStageWithProgressAndLinks() {
        StageProgress translated = stage("translate", "ar", "COMPLETED", true, Map.of("samples", 5.0));
        StageProgress editing = stage("post-edit", "ar", "RUNNING", null, Map.of()).withActivity("3", 2, "worker lost");
        StageProgress validated = stage("validate", "en", "COMPLETED", false, Map.of());
        RunDetail run = new RunDetail("run-1", "RUNNING", Instant.EPOCH, null, "s3://palo/en.json", "abc",
                List.of(validated), List.of(new LanguageProgress("ar", "run-1-ar", "RUNNING", List.of(translated, editing), null, List.of()),
                        LanguageProgress.pending("hi")), null, links);

        List<String> lines = ProgressText.render(run).lines().toList();

        assertEquals("run run-1  RUNNING  (ar,hi from s3://palo/en.json)", lines.get(0));
        assertTrue(lines.get(1).matches("\\s+validate en\\s+COMPLETED\\s*"), lines.get(1));
        assertTrue(lines.get(2).matches("\\s+ar\\s+RUNNING\\s*"), lines.get(2));
        assertTrue(lines.get(3).matches("\\s+translate\\s+COMPLETED\\s+cache hit"), lines.get(3));
        assertTrue(lines.get(4).matches("\\s+post-edit\\s+RUNNING\\s+progress 3\\s+attempt 2\\s+last failure: worker lost"),
                lines.get(4));
        assertTrue(lines.get(5).matches("\\s+hi\\s+PENDING\\s*"), lines.get(5));
        assertEquals(List.of("  MLflow:   " + links.mlflow(), "  Temporal: " + links.temporal()), lines.subList(6, 8));
    }

    @Test
    void aStageNoWorkerLaneTookYetReadsWaiting() {
        StageProgress queued = stage("finetune", "palo", "RUNNING", null, Map.of())
                .waiting(Instant.parse("2026-12-06T10:00:00Z"));
        RunDetail run = new RunDetail("run-2", "RUNNING", Instant.EPOCH, null, "s3://palo/en.json", "abc",
                List.of(queued), List.of(), null, links);

        String line = ProgressText.render(run).lines().toList().get(1);

        assertTrue(line.matches("\\s+finetune palo\\s+WAITING\\s+for a worker lane since 2026-12-06T10:00:00Z"), line);
    }

    @Test
    void aCountedStageReadsAsTheDashboardsBarNotItsHeartbeatJson() {
        StageProgress validating = new StageProgress("validate", "en", "RUNNING", Instant.parse("2026-12-06T10:00:00Z"),
                null, null, Map.of(), null, null, null, null, null, null, null, null, null, null, null)
                .withWork(new dev.palo.workflows.progress.StageWork(null, 250, 1000L, "records", Map.of("quarantined", 2L)),
                        1, null);
        RunDetail run = new RunDetail("run-4", "RUNNING", Instant.EPOCH, null, "s3://palo/en.json", "abc",
                List.of(validating), List.of(), null, links);

        String line = ProgressText.render(run, Instant.parse("2026-12-06T10:00:10Z")).lines().toList().get(1);

        // 250 records in 10 s: 750 left at 25 a second
        assertTrue(line.matches("\\s+validate en\\s+RUNNING\\s+progress 250 / 1000 records \\(25 %\\) · ETA 30 s"), line);
    }

    @Test
    void anEndedStageSaysHowLongItWaitedForALane() {
        StageProgress tuned = stage("tune", "ar", "COMPLETED", false,
                Map.of("records", 40.0, dev.palo.workflows.StageResult.QUEUE_WAIT_SECONDS, 95.4));
        StageProgress translated = stage("translate", "ar", "COMPLETED", false,
                Map.of(dev.palo.workflows.StageResult.QUEUE_WAIT_SECONDS, 0.2));
        RunDetail run = new RunDetail("run-5", "RUNNING", Instant.EPOCH, null, "s3://palo/en.json", "abc", List.of(),
                List.of(new LanguageProgress("ar", "run-5-ar", "RUNNING", List.of(translated, tuned), null, List.of())),
                null, links);

        List<String> lines = ProgressText.render(run).lines().toList();

        assertTrue(lines.get(2).matches("\\s+translate\\s+COMPLETED\\s*"), lines.get(2));
        assertTrue(lines.get(3).matches("\\s+tune\\s+COMPLETED\\s+queued 1 min 35 s for a worker lane"), lines.get(3));
    }

    @Test
    void showsChrfAndAStageFailure() {
        StageProgress translated = new StageProgress("translate", "fr", "COMPLETED", Instant.EPOCH, Instant.EPOCH,
                false, Map.of(), 41.25, "t1", null, null, null, null, null, null, null, null, null);
        StageProgress failed = new StageProgress("finetune", "palo", "FAILED", Instant.EPOCH, Instant.EPOCH, null,
                Map.of(), null, "t2", "out of memory", null, null, null, null, null, null, null, null);
        RunDetail run = new RunDetail("run-3", "FAILED", Instant.EPOCH, Instant.EPOCH, "s3://palo/en.json", null,
                List.of(failed), List.of(new LanguageProgress("fr", "run-3-fr", "COMPLETED", List.of(translated), null, List.of())),
                null, links);

        String text = ProgressText.render(run);

        assertTrue(text.matches("(?s).*finetune palo\\s+FAILED\\s+failed: out of memory.*"), text);
        assertTrue(text.matches("(?s).*translate\\s+COMPLETED\\s+chrF 41\\.3.*"), text);
    }

    private static StageProgress stage(String name, String label, String status, Boolean cacheHit,
                                       Map<String, Double> metrics) {
        return new StageProgress(name, label, status, null, null, cacheHit, metrics, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    @Test
    void namesTheFailureOfAFailedLanguageAndRun() {
        RunDetail run = new RunDetail("run-2", "FAILED", Instant.EPOCH, Instant.EPOCH, "s3://palo/en.json", null,
                List.of(), List.of(new LanguageProgress("ur", "run-2-ur", "FAILED",
                        List.of(stage("translate", "ur", "RUNNING", null, Map.of()).withStatus("FAILED")),
                        "endpoint answered 401", List.of())),
                "pipeline run-2 failed for 1 language(s)", links);

        String text = ProgressText.render(run);

        assertTrue(text.contains("ur   FAILED      endpoint answered 401"), text);
        assertTrue(text.matches("(?s).*translate\\s+FAILED.*"), text);
        assertTrue(text.contains("failure: pipeline run-2 failed for 1 language(s)"), text);
    }
}
