package dev.palo.activities.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.evaluate.LanguageScore;
import dev.palo.activities.evaluate.ScoresFile;
import dev.palo.activities.evaluate.report.Table1;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.study.StudyReport.ArmRow;
import dev.palo.activities.study.StudyReport.ArmsTable;
import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageId;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.study.SingleLanguageArmScores;
import dev.palo.workflows.study.StudyActivities;
import dev.palo.workflows.study.StudyMember;
import dev.palo.workflows.study.StudyReportRequest;
import dev.palo.workflows.study.StudyRunScores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The study's report, from the per-answer figures its runs' evaluate stages stored: every scorer the runs were scored
 * by (the primary one first) and the in-language rate, per language and Avg.H / Avg.L / Avg., as each arm's mean ±
 * sd over the runs and PALO − baseline with a paired bootstrap interval ({@link PairedBootstrap}).
 */
public final class StudyActivitiesImpl implements StudyActivities {
    public static final String JSON_NAME = "study.json";
    public static final String MARKDOWN_NAME = "study.md";
    static final String RESAMPLING = "runs (seeds) drawn with replacement, then within each drawn run the bench"
            + " questions, the same draw for both arms and every language";
    /** The study's param that says its baseline arm is the step-matched control. */
    static final String STEP_MATCHED_PARAM = "training.stepMatchedBaseline";
    static final String SAME_EPOCHS = "English only, the recipe's epochs (fewer optimizer steps than the PALO arm)";
    static final String STEP_MATCHED = "English only, step-matched: as many optimizer steps as the PALO arm";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final Tracker tracker;
    private final String experiment;
    private final StudyInputs inputs;
    private final LanguageRegistry registry = LanguageRegistry.palo();

    public StudyActivitiesImpl(ObjectStore store, Tracker tracker, String experiment, Path workRoot) {
        this.store = store;
        this.tracker = tracker;
        this.experiment = experiment;
        this.inputs = new StudyInputs(store, new StoredDirectory(store, workRoot.resolve("study-inputs")));
    }

    /** Where a study's report lives in the store. */
    public static String key(String studyId, String name) {
        return "studies/" + studyId + "/" + name;
    }

    @Override
    public StageResult report(StudyReportRequest request) {
        if (request.studyId() == null || request.runs().isEmpty()) {
            throw StageErrors.invalid("a study report needs the study id and at least one run, got " + request);
        }
        try {
            StudyReport report = compute(request);
            byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
            byte[] markdown = StudyMarkdown.render(report).getBytes(StandardCharsets.UTF_8);
            ArtifactRef md = store.put(key(request.studyId(), MARKDOWN_NAME), markdown, "text/markdown", 0);
            ArtifactRef out = store.put(key(request.studyId(), JSON_NAME), json, "application/json",
                    report.metrics().size());
            Map<String, Double> metrics = metrics(report);
            track(request, metrics, json, markdown);
            return new StageResult(STAGE, "all", out, md, false, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StudyReport compute(StudyReportRequest request) throws IOException {
        List<List<ScoresFile>> scores = new ArrayList<>();
        for (StudyRunScores run : request.runs()) {
            scores.add(inputs.scores(run));
        }
        List<String> codes = scores.get(0).get(0).languages().stream().map(LanguageScore::language).sorted().toList();
        for (int r = 0; r < scores.size(); r++) {
            for (ScoresFile arm : scores.get(r)) {
                if (!arm.languages().stream().map(LanguageScore::language).sorted().toList().equals(codes)) {
                    throw StageErrors.invalid("run " + request.runs().get(r).member().runId() + " arm " + arm.arm()
                            + " was scored in other languages than " + codes);
                }
            }
        }
        List<Language> languages = registry.all().stream().filter(l -> codes.contains(l.code())).toList();
        StudyColumns columns = StudyColumns.of(languages);
        List<String> metrics = new ArrayList<>(StudyInputs.scorers(scores.get(0)));
        metrics.add(StudyInputs.IN_LANGUAGE);
        // as the score stage builds it, so that a run's in-language rate here is the one its scores.json states
        LanguageId languageId = new LanguageId(registry.defaultsAnd(codes), LanguageId.Accuracy.HIGH);
        PairedBootstrap bootstrap = new PairedBootstrap(request.resamples(), request.bootstrapSeed());
        List<StudyMember> members = request.runs().stream().map(StudyRunScores::member).toList();
        List<MetricTable> tables = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            List<SeedFigures> figures = new ArrayList<>();
            for (int r = 0; r < request.runs().size(); r++) {
                figures.add(inputs.figures(request.runs().get(r), scores.get(r), languages, metrics.get(m), languageId));
            }
            tables.add(StudyTables.table(metrics.get(m), title(metrics.get(m)), m == 0, members, figures, columns,
                    bootstrap));
        }
        List<ArmsTable> table2 = table2(request, tables, metrics, languages, columns, languageId);
        boolean stepMatched = Boolean.parseBoolean(request.params().get(STEP_MATCHED_PARAM));
        return new StudyReport(request.studyId(), members, RESAMPLING, request.resamples(), request.bootstrapSeed(),
                PairedBootstrap.LEVEL, stepMatched ? STEP_MATCHED : SAME_EPOCHS, columns.names(), tables, table2);
    }

    /** Table 2 per metric where the study ran single-language arms; none otherwise. */
    private List<ArmsTable> table2(StudyReportRequest request, List<MetricTable> tables, List<String> metrics,
                                   List<Language> languages, StudyColumns columns, LanguageId languageId)
            throws IOException {
        List<String> armLanguages = request.singleLanguageArms().stream().map(SingleLanguageArmScores::language)
                .distinct().toList();
        // per arm language, per run: the run with that arm in the PALO place, and both arms' scores files
        Map<String, List<StudyRunScores>> paired = new LinkedHashMap<>();
        Map<String, List<List<ScoresFile>>> pairedScores = new LinkedHashMap<>();
        for (String language : armLanguages) {
            for (StudyRunScores run : request.runs()) {
                StudyRunScores pair = SingleLanguageTables.paired(run,
                        SingleLanguageTables.armOf(request.singleLanguageArms(), run, language));
                paired.computeIfAbsent(language, l -> new ArrayList<>()).add(pair);
                pairedScores.computeIfAbsent(language, l -> new ArrayList<>()).add(inputs.scores(pair));
            }
        }
        List<ArmsTable> table2 = new ArrayList<>();
        for (int m = 0; armLanguages.size() > 0 && m < metrics.size(); m++) {
            Map<String, List<SeedFigures>> byLanguage = new LinkedHashMap<>();
            for (String language : armLanguages) {
                List<SeedFigures> figures = new ArrayList<>();
                for (int r = 0; r < request.runs().size(); r++) {
                    figures.add(inputs.figures(paired.get(language).get(r), pairedScores.get(language).get(r),
                            languages, metrics.get(m), languageId));
                }
                byLanguage.put(language, figures);
            }
            table2.add(SingleLanguageTables.table(tables.get(m), byLanguage, columns));
        }
        return table2;
    }

    private static String title(String metric) {
        return switch (metric) {
            case "content" -> "Content score (facts stated vs. the scene, any language)";
            case "reference" -> "chrF score (1 + 9·chrF/100 vs. the gold answer in the question's language)";
            case "judge" -> "Judge score (LLaVA protocol)";
            case StudyInputs.IN_LANGUAGE -> "In-language rate (% of answers in the question's language, Lingua)";
            default -> metric;
        };
    }

    /**
     * {@code study.<metric>.<arm>.<column>.mean|sd} and {@code study.<metric>.delta.<column>[.ci_low|.ci_high]},
     * columns named as Table 1's metrics are ({@code avg_h}, {@code avg_l}, {@code avg}).
     */
    static Map<String, Double> metrics(StudyReport report) {
        Map<String, Double> metrics = new TreeMap<>();
        for (MetricTable table : report.metrics()) {
            String prefix = "study." + table.metric() + ".";
            for (int c = 0; c < report.columns().size(); c++) {
                String column = column(report.columns().get(c));
                metrics.put(prefix + "baseline." + column + ".mean", table.baseline().get(c).mean());
                metrics.put(prefix + "palo." + column + ".mean", table.palo().get(c).mean());
                if (table.baseline().get(c).sd() != null) {
                    metrics.put(prefix + "baseline." + column + ".sd", table.baseline().get(c).sd());
                    metrics.put(prefix + "palo." + column + ".sd", table.palo().get(c).sd());
                }
                metrics.put(prefix + "delta." + column, table.delta().get(c).mean());
                metrics.put(prefix + "delta." + column + ".ci_low", table.delta().get(c).low());
                metrics.put(prefix + "delta." + column + ".ci_high", table.delta().get(c).high());
            }
        }
        for (ArmsTable table : report.table2()) {
            for (ArmRow row : table.rows()) {
                if (row.arm().equals(DatasetArm.BASELINE.code()) || row.arm().equals(DatasetArm.PALO.code())) {
                    continue;  // Table 1's rows, logged above
                }
                String prefix = "study." + table.metric() + ".only_" + row.arm() + ".";
                for (int c = 0; c < report.columns().size(); c++) {
                    String column = column(report.columns().get(c));
                    metrics.put(prefix + column + ".mean", row.values().get(c).mean());
                    if (row.values().get(c).sd() != null) {
                        metrics.put(prefix + column + ".sd", row.values().get(c).sd());
                    }
                }
            }
        }
        metrics.put("study.runs", (double) report.runs().size());
        return metrics;
    }

    private static String column(String name) {
        return switch (name) {
            case Table1.AVG_HIGH -> "avg_h";
            case Table1.AVG_LOW -> "avg_l";
            case Table1.AVG -> "avg";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }

    /** The study's own MLflow run (found again on a retry by its tags), with the figures and both report files. */
    private void track(StudyReportRequest request, Map<String, Double> metrics, byte[] json, byte[] markdown)
            throws IOException {
        String run = tracker.findOrCreateRun(experiment, "study " + request.studyId(),
                Map.of(TrackingActivitiesImpl.RUN_TAG, request.studyId(), TrackingActivitiesImpl.KIND_TAG, STAGE),
                null);
        tracker.logParams(run, request.params());
        tracker.logBatch(run, metrics, Map.of());
        tracker.uploadArtifact(run, "reports/" + JSON_NAME, json, "application/json");
        tracker.uploadArtifact(run, "reports/" + MARKDOWN_NAME, markdown, "text/markdown");
        tracker.endRun(run, true);
    }
}
