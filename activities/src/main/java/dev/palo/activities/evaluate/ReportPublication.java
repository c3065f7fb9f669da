package dev.palo.activities.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.evaluate.report.Table1;
import dev.palo.activities.evaluate.report.Table1Chart;
import dev.palo.activities.evaluate.report.Table1Json;
import dev.palo.activities.evaluate.report.Table1Markdown;
import dev.palo.activities.evaluate.report.Table1Report;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.evaluate.ArmScores;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.ReportRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The report stage: Table 1 from every arm's {@code scores.json} (the primary scorer's figures, the scorer named
 * in its title), with the other scorers' figures and the in-language rate beside it in the same layout, as
 * {@code table1.md}, {@code table1.json} and {@code table1.png} (Table 1 only) in the store and in the pipeline's
 * tracking run, with each figure also logged as a metric ({@code table1.<row>.<column>}, and
 * {@code <scorer or in_language>.<row>.<column>} for the tables beside it).
 */
final class ReportPublication {
    static final String CODE_VERSION = "2";
    static final String REPORT_LANGUAGE = "all";
    static final String MARKDOWN = "table1.md";
    static final String JSON_FILE = "table1.json";
    static final String CHART = "table1.png";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;
    private final LanguageRegistry registry;

    ReportPublication(ObjectStore store, Tracker tracker, LanguageRegistry registry) {
        this.store = store;
        this.stage = new StageTemplate(store);
        this.tracker = tracker;
        this.registry = registry;
    }

    StageResult publish(ReportRequest request) throws IOException {
        if (request.runId() == null || request.arms().isEmpty()) {
            throw StageErrors.invalid("the report needs a runId and at least one arm's scores, got " + request);
        }
        StageLocation location = locate(request);
        return stage.run(location, () -> publish(request, location));
    }

    /** Table 1 and the tables beside it in the store and the tracking run, each figure a metric; the manifest. */
    private Manifest publish(ReportRequest request, StageLocation location) throws IOException {
        List<ScoresFile> arms = new ArrayList<>();
        for (ArmScores arm : request.arms()) {
            try (InputStream in = store.open(arm.scores())) {
                arms.add(JSON.readValue(in, ScoresFile.class));
            }
        }
        Table1 table;
        try {
            table = Table1.of(arms, registry);
        } catch (IllegalArgumentException e) {
            throw StageErrors.invalid(e.getMessage());
        }
        String scorer = arms.stream().map(a -> a.judge() == null ? a.scorer() : a.scorer() + " " + a.judge())
                .distinct().collect(Collectors.joining(", "));
        String benches = arms.stream().map(ScoresFile::bench).filter(Objects::nonNull).distinct()
                .map(bench -> ", " + bench + " bench").collect(Collectors.joining());
        String title = "Table 1: relative score (%) on the multilingual LLaVA-Bench" + benches + ", " + scorer
                + " scorer";
        List<Table1Report.Other> others;
        try {
            others = Table1Report.others(arms, registry);
        } catch (IllegalArgumentException e) {
            throw StageErrors.invalid(e.getMessage());
        }
        byte[] markdown = Table1Markdown.render(table, title, request.warnings(), others)
                .getBytes(StandardCharsets.UTF_8);
        byte[] json = Table1Json.render(table, title, scorer, request.warnings(), others);
        byte[] png = Table1Chart.png(table, title);
        store.put(location.key(MARKDOWN), markdown, "text/markdown", table.rows().size());
        store.put(location.key(CHART), png, "image/png", 0);
        ArtifactRef jsonRef = store.put(location.key(JSON_FILE), json, "application/json", table.rows().size());
        tracker.uploadArtifact(request.trackingRunId(), "reports/" + MARKDOWN, markdown, "text/markdown");
        tracker.uploadArtifact(request.trackingRunId(), "reports/" + JSON_FILE, json, "application/json");
        tracker.uploadArtifact(request.trackingRunId(), "reports/" + CHART, png, "image/png");
        Map<String, Double> metrics = metrics("table1", table);
        others.forEach(other -> metrics.putAll(metrics(other.key(), other.table())));
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            tracker.logMetric(request.trackingRunId(), metric.getKey(), metric.getValue(), 0);
        }
        return new Manifest(EvaluateActivities.REPORT_STAGE, REPORT_LANGUAGE, request.runId(), location.cacheKey(),
                CODE_VERSION, request.arms().get(0).scores(), jsonRef, false, metrics);
    }

    private static StageLocation locate(ReportRequest request) {
        String input = request.arms().stream().map(arm -> arm.arm().code() + "=" + arm.scores().sha256())
                .sorted().collect(Collectors.joining("\n"));
        // a warning changes the report's text; without one the key stays what it was before warnings existed
        if (!request.warnings().isEmpty()) {
            input += "\nwarnings=" + String.join("\n", request.warnings());
        }
        return new StageLocation(request.runId(), EvaluateActivities.REPORT_STAGE, REPORT_LANGUAGE,
                CacheKey.of(EvaluateActivities.REPORT_STAGE, CODE_VERSION, REPORT_LANGUAGE, Sha256.of(input), ""));
    }

    /**
     * {@code <prefix>.<row>.<column>} ({@code table1}, or a beside table's key): MLflow keys allow no "−", so the
     * delta row is {@code delta}.
     */
    private static Map<String, Double> metrics(String prefix, Table1 table) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Table1.Row row : table.rows()) {
            String label = row.label().equals(Table1.DELTA) ? "delta" : row.label();
            for (int c = 0; c < table.columns().size(); c++) {
                String column = table.columns().get(c).toLowerCase(Locale.ROOT).replace(".", "_")
                        .replaceFirst("_$", "");
                metrics.put(prefix + "." + label + "." + column, row.values().get(c));
            }
        }
        return metrics;
    }
}
