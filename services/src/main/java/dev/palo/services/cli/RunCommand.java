package dev.palo.services.cli;

import dev.palo.services.runs.RunStatus;
import dev.palo.services.runs.RunTrigger;
import dev.palo.services.runs.StartRunRequest;
import dev.palo.workflows.RunPriority;
import dev.palo.workflows.translation.translate.TranslateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./palo run}: one pipeline run against an OpenAI-compatible endpoint, watched until it ends. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start a pipeline run through the services app, then redraw its progress per language and"
                + " stage until it ends. Succeeds only when the run completed.")
final class RunCommand implements Callable<Integer> {
    /** Attempts per request before a chunk's retry budget counts it as failed. */

    @Option(names = "--languages", split = ",", paramLabel = "CODES",
            description = "target language codes (default: the language registry's default set, the paper's nine"
                    + " targets; other registered languages, such as de, are named here)")
    List<String> languages;
    @Option(names = "--data", defaultValue = "mini", paramLabel = "DATA",
            description = "English LLaVA data: mini or mini:tiny|demo|full (PALO-mini, made by the platform), a local"
                    + " LLaVA JSON file (uploaded), or an object already in the store (s3://…); default ${DEFAULT-VALUE}")
    String data;
    @Option(names = "--translate-url", defaultValue = "${env:PALO_TRANSLATE_URL}", paramLabel = "URL",
            description = "OpenAI-compatible endpoint (default $PALO_TRANSLATE_URL)")
    String url;
    @Option(names = "--model", defaultValue = "${env:PALO_TRANSLATE_MODEL}", paramLabel = "NAME",
            description = "model name at that endpoint (default $PALO_TRANSLATE_MODEL)")
    String model;
    @Option(names = "--api-key-secret", defaultValue = "${env:PALO_TRANSLATE_KEY_NAME}", paramLabel = "NAME",
            description = "NAME of a secret on the operator's allow-list, never the key: its value is the worker's"
                    + " variable PALO_SECRET_<NAME> or the file <NAME> in PALO_SECRETS_DIR, and PALO_SECRETS_BINDINGS"
                    + " must bind NAME to the origin of --translate-url, e.g. PALO_SECRETS_BINDINGS="
                    + "'openai=https://api.openai.com'; anything else is refused before the run starts (default"
                    + " $PALO_TRANSLATE_KEY_NAME; none for endpoints without authentication)")
    String secret;
    @Option(names = "--concurrency", defaultValue = "" + TranslateConfig.DEFAULT_CONCURRENCY, paramLabel = "N",
            description = "requests in flight at once (default ${DEFAULT-VALUE}); to use an endpoint fully, set it"
                    + " about 25%% above the number of requests the endpoint serves at once")
    int concurrency;
    @Option(names = "--requests-per-minute", paramLabel = "N",
            defaultValue = "" + TranslateConfig.DEFAULT_REQUESTS_PER_MINUTE,
            description = "the endpoint's request rate limit, which the run stays under (default ${DEFAULT-VALUE})")
    int requestsPerMinute;
    @Option(names = "--tokens-per-minute", paramLabel = "N",
            defaultValue = "" + TranslateConfig.DEFAULT_TOKENS_PER_MINUTE,
            description = "the endpoint's token rate limit (default ${DEFAULT-VALUE})")
    int tokensPerMinute;
    @Option(names = "--chunk-size", defaultValue = "" + TranslateConfig.DEFAULT_CHUNK_SIZE, paramLabel = "N",
            description = "records per committed chunk (default ${DEFAULT-VALUE}): a crash redoes at most two chunks")
    int chunkSize;

    @Option(names = "--priority", defaultValue = "NORMAL", paramLabel = "HIGH|NORMAL|LOW",
            description = "the run's GPU work goes before that of lower-priority runs waiting for a lane (default"
                    + " ${DEFAULT-VALUE})")
    RunPriority priority;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception {
        if (blank(url) || blank(model)) {
            System.err.println("palo run: name the translation endpoint: --translate-url URL --model NAME"
                    + " (any OpenAI-compatible server)");
            return 2;
        }
        TranslateConfig translate;
        try {
            translate = TranslateConfig.endpoint(url, model).apiKeySecret(blank(secret) ? null : secret)
                    .chunkSize(chunkSize).concurrency(concurrency).rateLimits(requestsPerMinute, tokensPerMinute)
                    .build();
        } catch (IllegalArgumentException e) {
            System.err.println("palo run: " + e.getMessage());
            return 2;
        }
        if (api.dryRun) {
            return 0;
        }
        ApiClient client = api.client();
        String source = null;
        String mini = null;
        if (data.startsWith("s3://")) {
            source = data;
        } else if (data.equals("mini") || data.startsWith("mini:")) {
            mini = data;
        } else {
            Path file = Path.of(data);
            if (!Files.isRegularFile(file)) {
                System.err.println("palo run: --data " + data + ": no such file");
                return 2;
            }
            source = client.upload(file);
        }
        StartRunRequest request = new StartRunRequest(source, mini, null, languages, translate, null, null, null, null,
                null, null, RunTrigger.CLI, priority);
        String id = client.start(request);
        return RunStatus.COMPLETED.equals(RunWatch.untilEnded(client, id, System.out).status()) ? 0 : 1;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
