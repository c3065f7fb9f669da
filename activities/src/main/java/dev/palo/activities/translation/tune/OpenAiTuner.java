package dev.palo.activities.translation.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.ChatMessage;
import dev.palo.activities.llm.FineTuningJob;
import dev.palo.activities.llm.OpenAiFineTuningClient;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.translation.translate.TranslationPrompt;
import dev.palo.model.translator.TranslationPair;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.OpenAiTune;
import dev.palo.workflows.translation.tune.TuneRequest;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuning through an OpenAI-compatible API: the pairs as chat examples with the translate stage's
 * own prompt, uploaded once, one job created once, then polled until it ends. The file id and then the
 * job id are heartbeated as soon as they exist, so a retried attempt resumes polling; should a worker
 * die before its heartbeat reached the server, the retry finds its file (by name and size) and its job
 * (by training file) on the server instead of creating them again.
 */
final class OpenAiTuner implements TranslatorTuner {
    /** The failure type a failed remote job ends the stage with; it is in histories, so it keeps its spelling. */
    static final String FAILED = "FineTuneFailed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 5;

    private final ApiKeys apiKeys;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    /** Backoff bounds apply to 429/5xx retries of every API request. */
    OpenAiTuner(ApiKeys apiKeys, Duration initialBackoff, Duration maxBackoff) {
        this.apiKeys = apiKeys;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public String identity(TuneRequest request) {
        OpenAiTune settings = request.config().openai();
        return "openai\n" + settings.baseUrl() + "\n" + model(request) + "\nepochs=" + settings.epochs();
    }

    @Override
    public TunedTranslator tune(TuneRequest request, StageLocation location, List<TranslationPair> pairs,
                                ActivityExecutionContext context) throws IOException {
        OpenAiTune settings = request.config().openai();
        OpenAiFineTuningClient client = new OpenAiFineTuningClient(settings.baseUrl(), apiKey(settings), MAX_ATTEMPTS,
                initialBackoff, maxBackoff);
        OpenAiTuneProgress progress = context.getHeartbeatDetails(OpenAiTuneProgress.class)
                .orElse(new OpenAiTuneProgress(null, null));
        if (progress.jobId() == null) {
            String fileId = progress.fileId() != null ? progress.fileId()
                    : upload(client, location, examples(request.language().name(), pairs));
            context.heartbeat(new OpenAiTuneProgress(fileId, null));
            String jobId = client.findJob(fileId).filter(job -> !job.endedWithoutModel())
                    .orElseGet(() -> client.createJob(model(request), fileId, settings.epochs(), suffix(request, location)))
                    .id();
            progress = new OpenAiTuneProgress(fileId, jobId);
            context.heartbeat(progress);
        }
        FineTuningJob job = await(client, settings.pollInterval(), progress, context);
        return new TunedTranslator(TranslatorRef.openai(job.fineTunedModel()), Map.of(
                "examples", (double) pairs.size(), "epochs", (double) settings.epochs(),
                "trainedTokens", (double) job.trainedTokens()));
    }

    private static String upload(OpenAiFineTuningClient client, StageLocation location, byte[] jsonl) {
        String filename = "palo-tune-" + location.language() + "-" + location.cacheKey() + ".jsonl";
        return client.findTrainingFile(filename, jsonl.length)
                .orElseGet(() -> client.uploadTrainingFile(filename, jsonl));
    }

    /** Polls until the job ends; a job that ends without a model fails the stage with the server's reason. */
    private static FineTuningJob await(OpenAiFineTuningClient client, Duration pollInterval, OpenAiTuneProgress progress,
                                     ActivityExecutionContext context) {
        while (true) {
            FineTuningJob job = client.job(progress.jobId());
            if (job.succeeded()) {
                if (job.fineTunedModel() == null || job.fineTunedModel().isBlank()) {
                    throw ApplicationFailure.newNonRetryableFailure("fine-tuning job " + job.id()
                            + " succeeded without naming its fine_tuned_model", FAILED);
                }
                return job;
            }
            if (job.endedWithoutModel()) {
                throw ApplicationFailure.newNonRetryableFailure("fine-tuning job " + job.id() + " " + job.status()
                        + (job.error() == null ? "" : ": " + job.error()), FAILED);
            }
            context.heartbeat(progress);
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while polling fine-tuning job " + job.id(), e);
            }
        }
    }

    /** One chat example per pair: the translate stage's prompt, answered with the reviewed translation. */
    static byte[] examples(String languageName, List<TranslationPair> pairs) {
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        try {
            for (TranslationPair pair : pairs) {
                List<ChatMessage> messages = new ArrayList<>(TranslationPrompt.messages(languageName, pair.source()));
                messages.add(new ChatMessage("assistant", pair.target()));
                jsonl.writeBytes(JSON.writeValueAsBytes(Map.of("messages", messages)));
                jsonl.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jsonl.toByteArray();
    }

    private static String model(TuneRequest request) {
        String model = request.config().openai().model();
        return model != null ? model : request.base().model();
    }

    /** Names the tuned model after its language and cache key, so the same inputs give a recognisable name. */
    private static String suffix(TuneRequest request, StageLocation location) {
        return "palo-" + request.language().code() + "-" + location.cacheKey().substring(0, 12);
    }

    private String apiKey(OpenAiTune settings) {
        return apiKeys.require(settings.apiKeySecret(), settings.baseUrl(), "fine-tuning API key");
    }
}
