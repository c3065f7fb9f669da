package dev.palo.activities.evaluate;

import dev.palo.activities.evaluate.judge.ContentScorer;
import dev.palo.activities.evaluate.judge.JudgeRules;
import dev.palo.activities.evaluate.judge.JudgeScorer;
import dev.palo.activities.evaluate.judge.ReferenceScorer;
import dev.palo.activities.evaluate.judge.Scorer;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.ChatEndpoint;
import dev.palo.activities.llm.OpenAiChatClient;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.GenerateRequest;
import dev.palo.workflows.evaluate.ReportRequest;
import dev.palo.workflows.evaluate.ScoreRequest;
import dev.palo.workflows.evaluate.ScorerConfig;
import io.temporal.activity.Activity;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The evaluate stage's activities: answer generation ({@link AnswerGeneration}), scoring
 * ({@link AnswerScoring}) and the Table-1 report ({@link ReportPublication}).
 */
public final class EvaluateActivitiesImpl implements EvaluateActivities {
    /** A judge reply is at most a paragraph; tokens per minute only bound the rate, so be generous. */
    private static final int JUDGE_TOKENS_PER_MINUTE = 1_000_000;
    private static final int JUDGE_ATTEMPTS = 5;
    /** Bad input is failed where it is found ({@link StageErrors#invalid}); a judge's permanent refusal too. */
    private static final StageErrors ERRORS = StageErrors.standard();

    private final AnswerGeneration generation;
    private final AnswerScoring scoring;
    private final ReportPublication report;
    private final ApiKeys apiKeys;

    /** {@code apiKeys} resolves the judge's key by name; {@code workRoot} caches bundles and the bench. */
    public EvaluateActivitiesImpl(ObjectStore store, Tracker tracker, ApiKeys apiKeys, Path workRoot) {
        StoredDirectory directories = new StoredDirectory(store, workRoot.resolve("evaluate-inputs"));
        EvaluateInputs inputs = new EvaluateInputs(directories, LanguageRegistry.palo());
        this.generation = new AnswerGeneration(store, directories, inputs, tracker, workRoot);
        this.scoring = new AnswerScoring(store, inputs, tracker, this::scorer);
        this.report = new ReportPublication(store, tracker, LanguageRegistry.palo());
        this.apiKeys = apiKeys;
    }

    @Override
    public StageResult generateAnswers(GenerateRequest request) {
        return ERRORS.run(() -> generation.generate(request, Activity.getExecutionContext()));
    }

    @Override
    public StageResult scoreAnswers(ScoreRequest request) {
        return ERRORS.run(() -> scoring.score(request, Activity.getExecutionContext()));
    }

    @Override
    public StageResult writeReport(ReportRequest request) {
        return ERRORS.run(() -> report.publish(request));
    }

    private Scorer scorer(ScorerConfig config) {
        if (ScorerConfig.CONTENT.equals(config.kind())) {
            return new ContentScorer();
        }
        if (!config.usesJudge()) {
            return new ReferenceScorer();
        }
        String apiKey = apiKeys.require(config.apiKeySecret(), config.baseUrl(), "judge API key");
        OpenAiChatClient client = new OpenAiChatClient(new ChatEndpoint(config.baseUrl(), config.model(), apiKey,
                config.concurrency(), config.requestsPerMinute(), JUDGE_TOKENS_PER_MINUTE, JUDGE_ATTEMPTS),
                Duration.ofSeconds(1), Duration.ofMinutes(1));
        return new JudgeScorer(client, JudgeRules.llavaBench(), config.maxTokens(), config.concurrency());
    }
}
