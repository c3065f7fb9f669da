package dev.palo.services.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import dev.palo.services.runs.RunDetail;
import dev.palo.workflows.training.TrainingSettings;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Requests the integration tests send: datasets, run bodies, run views. */
public final class ApiFixtures {
    public static final int SAMPLES = 3;

    private ApiFixtures() {
    }

    /**
     * A run body translating with the app's fake chat endpoint; mutable so a test can add to it. The fake "translates"
     * into bracketed English, which QA flags, so the language floor is off unless a test sets {@link #qa}.
     */
    public static Map<String, Object> request(URL chat, String source, List<String> languages, String model) {
        Map<String, Object> translate = new HashMap<>(Map.of("baseUrl", chat.toString(), "model", model,
                "chunkSize", 2, "concurrency", 2, "requestsPerMinute", 6_000, "tokensPerMinute", 1_000_000,
                "maxAttempts", 3));
        return new HashMap<>(Map.of("source", source, "languages", languages, "translate", translate,
                "qa", qa(0, "FAIL")));
    }

    /**
     * A human review of {@code tasks} tasks, all required, closing as soon as they are decided; ten minutes to decide.
     * 0 tasks: no review at all (the review closes at once).
     */
    public static Map<String, Object> humanReview(int tasks) {
        return Map.of("sampleSize", tasks, "lengthBounds", List.of(), "seed", 1, "deadline", "PT10M", "mode", "HUMAN",
                "simulatedDelay", "PT0S", "quorum", Map.of("minDecidedFraction", tasks == 0 ? 0 : 1.0, "minDecided", 0,
                        "closeOnQuorum", tasks > 0, "onMissed", tasks == 0 ? "PROCEED_FLAGGED" : "FAIL"));
    }

    /** The tiny tests' fine-tune epochs (the preset's recipe otherwise). */
    public static final int TINY_FINETUNE_EPOCHS = 2;

    /**
     * The tiny demo's request (services/demo-run.json) for Arabic alone, with a small simulated review and training with
     * the PALO-mini defaults except the fine-tune's epochs: {@link #TINY_FINETUNE_EPOCHS}, not the preset's six, since
     * these tests check what the platform does with a trained model, not the model (six would triple every fine-tune's
     * CI time); stages an earlier run already did (translation, base models) are cache hits. Mutable.
     */
    public static Map<String, Object> tinyRunWithTraining() {
        Map<String, Object> body = new HashMap<>();
        body.put("data", "mini:tiny");
        body.put("languages", List.of("ar"));
        body.put("translator", Map.of("backend", "local"));
        body.put("qa", Map.of("onLowYield", "WARN"));
        body.put("review", Map.of("sampleSize", 5, "lengthBounds", List.of(), "seed", 7, "deadline", "PT30M",
                "quorum", Map.of("minDecidedFraction", 1.0, "minDecided", 1, "closeOnQuorum", true, "onMissed",
                        "FAIL"), "mode", "SIMULATED", "simulatedDelay", "PT0S"));
        body.put("tune", Map.of("local", Map.of("rank", 8, "alpha", 16, "dropout", 0.05, "learningRate", 0.002,
                "epochs", 2, "batchSize", 16, "seed", 42, "checkpointEvery", 20)));
        TrainingSettings finetune = TrainingSettings.finetuneMini().withEpochs(TINY_FINETUNE_EPOCHS);
        body.put("training", Map.of("finetune", Map.of("epochs", finetune.epochs(), "globalBatchSize",
                finetune.globalBatchSize(), "microBatchSize", finetune.microBatchSize(), "modelMaxLength",
                finetune.modelMaxLength(), "checkpointEvery", finetune.checkpointEvery(), "seed", finetune.seed(),
                "learningRate", finetune.learningRate())));
        return body;
    }

    /** The default QA thresholds with the given language floor (a request may name only what it changes). */
    public static Map<String, Object> qa(double minUsableShare, String onLowYield) {
        return Map.of("minUsableShare", minUsableShare, "onLowYield", onLowYield);
    }

    /** The data seed of the tests' tiny studies: whichever study runs second finds its dataset-build cached. */
    public static final long TINY_STUDY_DATA_SEED = 11;
    /** A cancelled study's fine-tune stops at its next heartbeat; its run then cancels its languages. */
    public static final Duration STUDY_CANCEL_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Starts a study of {@link #tinyRunWithTraining()} over {@code finetuneSeeds} × {@link #TINY_STUDY_DATA_SEED};
     * its id.
     */
    public static String startTinyStudy(List<Long> finetuneSeeds, int resamples) {
        Map<String, Object> body = Map.of("run", tinyRunWithTraining(), "finetuneSeeds", finetuneSeeds,
                "dataSeeds", List.of(TINY_STUDY_DATA_SEED), "resamples", resamples);
        return given().contentType(ContentType.JSON).body(body).post("/api/studies").then().statusCode(201)
                .extract().path("id");
    }

    /** A fine-tune seed no other test uses: its runs compute their fine-tunes, so a study of it runs for a while. */
    public static long unusedFinetuneSeed() {
        return 1_000 + ThreadLocalRandom.current().nextLong(1_000_000);
    }

    public static ValidatableResponse start(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/api/runs").then();
    }

    public static RunDetail detail(String id) {
        return given().accept(ContentType.JSON).get("/api/runs/" + id).then().statusCode(200)
                .extract().as(RunDetail.class);
    }

    /** Runs waiting for people would otherwise wait out their review deadline in the test namespace. */
    public static void cancelIfRunning(String id) {
        if (detail(id).status().equals("RUNNING")) {
            // 409: it ended between the look and the cancel
            given().post("/api/runs/" + id + "/cancel").then().statusCode(anyOf(is(202), is(409)));
        }
    }

    /** A fresh English dataset each time, so no run is a cache hit of an earlier one. */
    public static String uploadEnglish() {
        return upload(englishJson(UUID.randomUUID().toString())).statusCode(200).extract().path("uri");
    }

    public static ValidatableResponse upload(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/datasets?name=english.json").then();
    }

    public static String englishJson(String nonce) {
        return englishJson(nonce, SAMPLES);
    }

    /** {@code samples} English records, each its own (no two are duplicates). */
    public static String englishJson(String nonce, int samples) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < samples; i++) {
            json.append(i == 0 ? "" : ",").append(String.format("""
                    {"id": "%s-%d", "image": "scene-%d.png", "conversations": [
                      {"from": "human", "value": "<image>\\nWhat colour is shape number %d?"},
                      {"from": "gpt", "value": "Shape number %d is red, and it sits on the left."}]}""",
                    nonce, i, i, i, i));
        }
        return json.append("]").toString();
    }
}
