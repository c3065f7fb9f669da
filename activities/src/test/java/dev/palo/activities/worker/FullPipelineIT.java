package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.source.MiniSource;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.support.PipelineHarness;
import dev.palo.activities.support.TinyRecipe;
import dev.palo.data.mini.MiniSize;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.PipelineResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole recipe on PALO-mini {@code tiny} with the platform's own models, two languages and both arms, on the
 * real servers: local translator → post-edit → simulated review → local tune → re-translate → post-edit →
 * dataset-build, base models → pretrain beside them, LoRA fine-tune of each arm, evaluation, and Table 1 in the
 * object store and in MLflow.
 */
class FullPipelineIT {
    private static final List<String> LANGUAGES = List.of("fr", "ar");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    @TempDir
    Path work;

    @Test
    void tinyTwoLanguageBothArmRunEndsWithTable1InTheStoreAndMlflow() throws Exception {
        runToTable1(work, LANGUAGES);
    }

    /** A finished run: its PALO-mini tree and its Table 1 as Markdown. */
    record FinishedRun(Path tree, String table) {
    }

    /**
     * Runs {@code languages} through every stage on PALO-mini {@code tiny} against the running stack and checks what
     * every run must show; also the body of the eleventh-language test.
     */
    static FinishedRun runToTable1(Path work, List<String> languages) throws Exception {
        try (PipelineHarness harness = PipelineHarness.start(work, Map.of())) {
            Path tree = MiniSource.generate(work.resolve("data"), MiniSize.TINY, 5, languages);
            MiniSourceRefs refs = MiniSource.upload(harness.store(), tree, work.resolve("directories"));
            String runId = "it-full-" + UUID.randomUUID();
            PipelineResult result;
            try (TinyRecipe.Run run = TinyRecipe.Run.start(harness.client(),
                    new ReviewClient(harness.client(), harness.store()), tree, runId,
                    TinyRecipe.spec(refs, languages, TinyRecipe.BASE_MODEL), RUN_TIMEOUT)) {
                result = run.await();
            }

            for (LanguageResult language : result.languages()) {
                List<String> stages = language.stages().stream().map(StageResult::stage).toList();
                assertEquals(List.of("translate", "post-edit", "review", "tune", "translate", "post-edit"), stages,
                        language.language());
                assertTrue(result.paloDataset().metrics().containsKey("records." + language.language()));
            }
            assertTrue(result.models().palo().output().uri().endsWith(".directory.json"), result.models().toString());
            String table = read(harness, result.evaluation().report().output().uri().replace("table1.json",
                    "table1.md"));
            for (String row : List.of("baseline", "palo")) {
                assertTrue(table.lines().anyMatch(line -> line.startsWith("| " + row)), table);
            }
            assertTrue(table.contains("Avg.H") && table.contains("Avg.L"), table);
            assertTrue(table.contains("multilingual LLaVA-Bench, content scorer")
                    && table.contains("### Beside Table 1: relative score (%), reference scorer")
                    && table.contains("### Beside Table 1: answers written in the question's language (%), Lingua"), table);
            System.out.println("Table 1 of the tiny run:\n" + table);
            MlflowRest mlflow = new MlflowRest(harness.stack().mlflowUri);
            assertTrue(mlflow.artifactPaths(result.trackingRunId(), "reports").contains("reports/table1.md"));
            JsonNode run = mlflow.searchRuns(mlflow.experimentId(PipelineHarness.EXPERIMENT),
                    "attributes.run_id = '" + result.trackingRunId() + "'").get(0);
            assertTrue(MlflowRest.metric(run, "table1.palo.avg") != null, run.toString());
            assertTrue(MlflowRest.metric(run, "in_language.palo.avg") != null, run.toString());
            return new FinishedRun(tree, table);
        }
    }

    private static String read(PipelineHarness harness, String uri) throws Exception {
        String key = uri.substring(harness.store().uri("").length());
        try (InputStream in = harness.store().open(harness.store().stat(key).orElseThrow())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
