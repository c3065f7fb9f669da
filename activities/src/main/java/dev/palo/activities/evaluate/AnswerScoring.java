package dev.palo.activities.evaluate;

import dev.palo.workflows.progress.StageWork;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.evaluate.judge.ContentScorer;
import dev.palo.activities.evaluate.judge.PythonRound;
import dev.palo.activities.evaluate.judge.Review;
import dev.palo.activities.evaluate.judge.ReviewSummary;
import dev.palo.activities.evaluate.judge.Scorer;
import dev.palo.activities.evaluate.judge.ScoringItem;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.JsonLineReader;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchContext;
import dev.palo.data.bench.BenchReader;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageId;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.bench.MiniBench;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.ScoreRequest;
import dev.palo.workflows.evaluate.ScorerConfig;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The score stage: one LLaVA review file per language (the bench's reference answer as assistant 1,
 * the model's as assistant 2), summarised as {@code summarize_gpt_review.py} does, into
 * {@code scores.json}. The primary scorer's reviews are {@code reviews/<code>.jsonl}; the offline scorers that are
 * not primary (content where the bench records scenes, chrF) review too, into {@code reviews/<kind>/<code>.jsonl},
 * and the share of answers written in the question's language (Lingua) is measured beside them. Each review file is stored as soon as it is complete and heartbeated; a
 * retry reads the stored ones back instead of asking the judge again.
 */
final class AnswerScoring {
    /** Bump when the reviews for the same inputs and scorer change: it is part of the cache key. */
    static final String CODE_VERSION = "2";
    static final String SCORES = "scores.json";
    private static final String REVIEW_MEDIA_TYPE = "application/x-ndjson";
    private static final String JSON_MEDIA_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final EvaluateInputs inputs;
    private final Tracker tracker;
    private final Function<ScorerConfig, Scorer> scorers;

    AnswerScoring(ObjectStore store, EvaluateInputs inputs, Tracker tracker, Function<ScorerConfig, Scorer> scorers) {
        this.store = store;
        this.stage = new StageTemplate(store);
        this.inputs = inputs;
        this.tracker = tracker;
        this.scorers = scorers;
    }

    StageResult score(ScoreRequest request, ActivityExecutionContext context) throws IOException {
        if (request.runId() == null || request.arm() == null || request.scorer() == null) {
            throw StageErrors.invalid("score needs runId, arm and scorer, got " + request);
        }
        List<Language> languages = inputs.languages(request.languages());
        StageLocation location = locate(request);
        return stage.run(location, () -> scoreAll(request, context, languages, location));
    }

    /** Reviews every language's answers with each scorer that can, and stores the scores; their manifest to commit. */
    private Manifest scoreAll(ScoreRequest request, ActivityExecutionContext context, List<Language> languages,
                              StageLocation location) throws IOException {
        BenchReader bench = inputs.bench(inputs.folder(request.bench(), "bench"));
        Path answers = inputs.folder(request.answers(), "answers");
        Map<String, Scorer> made = new HashMap<>();
        String primary = request.scorer().kind();
        LanguageId languageId = null;
        String split = null;
        List<LanguageScore> scores = new ArrayList<>();
        for (int i = 0; i < languages.size(); i++) {
            Language language = languages.get(i);
            LanguageBench languageBench = bench.read(language);
            split = split != null ? split : split(languageBench);
            List<ScoringItem> items = items(languageBench, answers.resolve(language.code() + ".jsonl"));
            String file = language.code() + ".jsonl";
            if (primary.equals(ScorerConfig.CONTENT) && !ContentScorer.canScore(items)) {
                throw StageErrors.invalid("the content scorer grades answers against the scenes a PALO-mini bench"
                        + " records in its contexts; the " + language.code() + " bench has none: choose the '"
                        + ScorerConfig.REFERENCE + "' (chrF) or '" + ScorerConfig.JUDGE + "' scorer");
            }
            Reviewed reviewed = reviews(location, request, "reviews/" + file,
                    () -> made.computeIfAbsent(primary, k -> scorers.apply(request.scorer())), items);
            ReviewSummary summary = ReviewSummary.of(reviewed.reviews());
            Map<String, Double> figures = otherFigures(location, request, file, items, made);
            figures.put(primary, summary.all());
            languageId = languageId == null ? new LanguageId(LanguageRegistry.palo().defaultsAnd(request.languages()),
                    LanguageId.Accuracy.HIGH) : languageId;
            double inLanguage = inLanguage(items, language, languageId);
            context.heartbeat(new StageWork(request.arm().code(), i + 1, (long) languages.size(), "languages scored",
                    Map.of()));
            scores.add(new LanguageScore(language.code(), summary.all(), summary.categories(), reviewed.reviews().size(),
                    summary.unparsed(), reviewed.file(), figures, inLanguage));
        }
        return manifest(request, location, scores, split);
    }

    private record Reviewed(List<Review> reviews, ArtifactRef file) {
    }

    /**
     * The relative score of each offline scorer that is not the primary one and can score these items (content
     * needs the scenes of a PALO-mini bench), by kind; their reviews are stored under {@code reviews/<kind>/}.
     */
    private Map<String, Double> otherFigures(StageLocation location, ScoreRequest request, String file,
                                             List<ScoringItem> items, Map<String, Scorer> made) throws IOException {
        Map<String, Double> figures = new TreeMap<>();
        for (ScorerConfig other : List.of(ScorerConfig.content(), ScorerConfig.reference())) {
            boolean scorable = !other.kind().equals(ScorerConfig.CONTENT) || ContentScorer.canScore(items);
            if (!other.kind().equals(request.scorer().kind()) && scorable) {
                Reviewed reviewed = reviews(location, request, "reviews/" + other.kind() + "/" + file,
                        () -> made.computeIfAbsent(other.kind(), k -> scorers.apply(other)), items);
                figures.put(other.kind(), ReviewSummary.of(reviewed.reviews()).all());
            }
        }
        return figures;
    }

    /** One scorer's reviews of a language, read back when a former attempt stored them, else made and stored. */
    private Reviewed reviews(StageLocation location, ScoreRequest request, String path, Supplier<Scorer> scorer,
                             List<ScoringItem> items) throws IOException {
        String key = location.key(path);
        Optional<ArtifactRef> stored = store.stat(key);
        if (stored.isPresent()) {
            return new Reviewed(readReviews(stored.get()), stored.get());
        }
        List<Review> reviews = scorer.get().review(items);
        byte[] lines = reviewLines(reviews);
        ArtifactRef file = store.put(key, lines, REVIEW_MEDIA_TYPE, reviews.size());
        tracker.uploadArtifact(request.trackingRunId(), path, lines, REVIEW_MEDIA_TYPE);
        return new Reviewed(reviews, file);
    }

    /** The share (%) of answers identified as written in the question's language, to one decimal. */
    private static double inLanguage(List<ScoringItem> items, Language language, LanguageId languageId) {
        long written = items.stream().filter(item -> languageId.writtenIn(item.answer().text(), language)).count();
        return PythonRound.round(100.0 * written / items.size(), 1);
    }

    /** Answers, bench and languages are the input; the scorer's identity (not its rate limits) the config. */
    private static StageLocation locate(ScoreRequest request) throws IOException {
        String arm = request.arm().code();
        String input = request.answers().sha256() + "\n" + request.bench().sha256() + "\n"
                + String.join(",", request.languages());
        ScorerConfig scorer = request.scorer();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("kind", scorer.kind());
        if (scorer.usesJudge()) {
            identity.put("baseUrl", scorer.baseUrl());
            identity.put("model", scorer.model());
            identity.put("maxTokens", scorer.maxTokens());
        }
        return new StageLocation(request.runId(), EvaluateActivities.SCORES_STAGE, arm,
                CacheKey.of(EvaluateActivities.SCORES_STAGE, CODE_VERSION, arm, Sha256.of(input),
                        JSON.writeValueAsString(identity)));
    }

    /** Question, context, reference and model answer per line, checked to be about the same question. */
    private static List<ScoringItem> items(LanguageBench bench, Path answerFile) throws IOException {
        List<BenchAnswer> answers = readLines(answerFile, BenchAnswer.class);
        String where = bench.language().code() + " answers " + answerFile.getFileName();
        if (answers.size() != bench.questions().size()) {
            throw StageErrors.invalid(where + ": " + answers.size() + " answers for " + bench.questions().size()
                    + " questions");
        }
        Map<String, BenchContext> contexts = new HashMap<>();
        bench.contexts().forEach(context -> contexts.put(context.image(), context));
        List<ScoringItem> items = new ArrayList<>();
        for (int line = 0; line < answers.size(); line++) {
            if (answers.get(line).questionId() != bench.questions().get(line).questionId()) {
                throw StageErrors.invalid(where + ": line " + (line + 1) + " answers question "
                        + answers.get(line).questionId() + " where the bench has " + bench.questions().get(line).questionId());
            }
            items.add(new ScoringItem(line + 1, bench.questions().get(line),
                    contexts.get(bench.questions().get(line).image()), bench.answers().get(line), answers.get(line)));
        }
        return items;
    }

    /** The bench a PALO-mini bench's contexts say they belong to where it is not the test bench, else null. */
    private static String split(LanguageBench bench) {
        return bench.contexts().stream().map(c -> c.extra().get(MiniBench.SPLIT_FIELD)).filter(Objects::nonNull)
                .map(JsonNode::asText).findFirst().orElse(null);
    }

    private Manifest manifest(ScoreRequest request, StageLocation location, List<LanguageScore> scores, String split)
            throws IOException {
        ScorerConfig scorer = request.scorer();
        ScoresFile file = new ScoresFile(request.arm().code(), scorer.kind(), scorer.usesJudge() ? scorer.model() : null,
                scores, split);
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
        ArtifactRef ref = store.put(location.key(SCORES), json, JSON_MEDIA_TYPE, scores.size());
        tracker.uploadArtifact(request.trackingRunId(), "reports/" + SCORES, json, JSON_MEDIA_TYPE);
        Map<String, Double> metrics = new LinkedHashMap<>();
        int unparsed = 0;
        for (LanguageScore score : scores) {
            metrics.put("score." + score.language(), score.score());
            score.scores().forEach((kind, figure) -> metrics.put("score." + kind + "." + score.language(), figure));
            metrics.put("in_language." + score.language(), score.inLanguage());
            metrics.put("unparsed." + score.language(), (double) score.unparsed());
            unparsed += score.unparsed();
        }
        metrics.put("unparsed", (double) unparsed);
        return new Manifest(EvaluateActivities.SCORES_STAGE, request.arm().code(), request.runId(),
                location.cacheKey(), CODE_VERSION, request.answers(), ref, false, metrics);
    }

    private static byte[] reviewLines(List<Review> reviews) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Review review : reviews) {
            lines.append(JSON.writeValueAsString(review)).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<Review> readReviews(ArtifactRef ref) throws IOException {
        try (InputStream in = store.open(ref)) {
            return readLines(in, Review.class);
        }
    }

    private static <T> List<T> readLines(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw StageErrors.invalid("answer file " + file.getFileName() + " is missing from the answers");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readLines(in, type);
        }
    }

    private static <T> List<T> readLines(InputStream in, Class<T> type) throws IOException {
        return JsonLineReader.read(in, type);
    }
}
