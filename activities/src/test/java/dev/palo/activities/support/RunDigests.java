package dev.palo.activities.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.activities.dataset.DatasetIndex;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.PipelineResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The content of a finished run's outputs as sha256 digests, keyed by what they are rather than where they are, so
 * that two runs of the same request compare equal exactly when they produced the same content. Indexes that name
 * run-specific keys are replaced by what they index: a dataset arm by its shards, a stored directory (a model
 * bundle) by its files. JSON that refers to other artifacts names them by run-specific keys (the scores' review
 * files, a bundle's parent, the tuned translator's bundle): there the run's id and its keys' cache keys are replaced by
 * placeholders, so a referenced file still counts through its sha256 and a referenced stored directory through its
 * files. The wall-clock figures a base model's
 * training report records ({@link #MEASURED}) are left out: they time the run, they are not its output.
 */
public final class RunDigests {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** JSON fields that hold timings measured while a stage ran. */
    static final Set<String> MEASURED = Set.of("seconds", "lm_tokens_per_second");
    private static final String RUNS = "/runs/";

    private final MinioObjectStore store;
    private final String bucketUri;

    public RunDigests(MinioObjectStore store) {
        this.store = store;
        this.bucketUri = store.uri("");
    }

    /**
     * Every language stage's output ({@code language/index-stage}: a stage such as translate runs twice), each dataset
     * arm's shards, and, where the run trained, every model bundle's files and every evaluation output.
     */
    public Map<String, String> of(PipelineResult result) throws IOException {
        String manifest = result.baselineDataset().manifest().uri();
        int start = manifest.indexOf(RUNS) + RUNS.length();
        String runId = manifest.substring(start, manifest.indexOf('/', start));
        Map<String, String> digests = new TreeMap<>();
        for (LanguageResult language : result.languages()) {
            for (int i = 0; i < language.stages().size(); i++) {
                StageResult stage = language.stages().get(i);
                put(digests, runId, language.language() + "/" + i + "-" + stage.stage(), stage.output());
            }
        }
        for (StageResult arm : List.of(result.baselineDataset(), result.paloDataset())) {
            DatasetIndex index;
            try (InputStream in = store.open(arm.output())) {
                index = JSON.readValue(in, DatasetIndex.class);
            }
            for (ArtifactRef shard : index.shards()) {
                put(digests, runId, "dataset/" + arm.language() + "/"
                        + shard.uri().substring(shard.uri().lastIndexOf('/') + 1), shard);
            }
        }
        if (result.models() != null) {
            put(digests, runId, "model/base", result.models().base().output());
            put(digests, runId, "model/pretrain", result.models().pretrain().output());
            put(digests, runId, "model/finetune-baseline", result.models().baseline().output());
            put(digests, runId, "model/finetune-palo", result.models().palo().output());
        }
        if (result.evaluation() != null) {
            List<StageResult> answers = result.evaluation().answers();
            for (int i = 0; i < answers.size(); i++) {
                put(digests, runId, "evaluate/answers-" + i + "-" + answers.get(i).language(), answers.get(i).output());
            }
            List<StageResult> scores = result.evaluation().scores();
            for (int i = 0; i < scores.size(); i++) {
                put(digests, runId, "evaluate/scores-" + i + "-" + scores.get(i).language(), scores.get(i).output());
            }
            put(digests, runId, "evaluate/report", result.evaluation().report().output());
        }
        return digests;
    }

    /** Every stage result of the run, for checks that hold for each (e.g. that none was a cache hit). */
    public static List<StageResult> stages(PipelineResult result) {
        List<StageResult> stages = new ArrayList<>();
        result.languages().forEach(language -> stages.addAll(language.stages()));
        stages.add(result.baselineDataset());
        stages.add(result.paloDataset());
        if (result.models() != null) {
            stages.addAll(List.of(result.models().base(), result.models().pretrain(), result.models().baseline(),
                    result.models().palo()));
        }
        if (result.evaluation() != null) {
            stages.addAll(result.evaluation().answers());
            stages.addAll(result.evaluation().scores());
            stages.add(result.evaluation().report());
        }
        return stages;
    }

    /**
     * {@code output}'s digest under {@code name}: a stored directory as its files (a file's recorded digest, or the
     * normalised digest of a JSON file), JSON normalised, anything else as read back from the store (not as recorded
     * at upload). A stored directory a JSON output refers to (a tuned translator's weights) counts by its files too:
     * its index names run-specific keys, so the reference keeps only its place.
     */
    private void put(Map<String, String> digests, String runId, String name, ArtifactRef output) throws IOException {
        if (!output.uri().startsWith(bucketUri)) {
            throw new AssertionError(output.uri() + " is not in " + bucketUri);
        }
        if (StoredDirectory.MEDIA_TYPE.equals(output.mediaType())) {
            StoredDirectory.Index index;
            try (InputStream in = store.open(output)) {
                index = JSON.readValue(in, StoredDirectory.Index.class);
            }
            for (StoredDirectory.Entry file : index.files()) {
                if (file.path().endsWith(".json")) {
                    put(digests, runId, name + "/" + file.path(), file.ref());
                } else {
                    digests.put(name + "/" + file.path(), file.ref().sha256());
                }
            }
            return;
        }
        byte[] bytes;
        try (InputStream in = store.open(output)) {
            bytes = in.readAllBytes();
        }
        if (!output.uri().endsWith(".json")) {
            digests.put(name, Sha256.of(bytes));
            return;
        }
        JsonNode json = JSON.readTree(bytes);
        List<ArtifactRef> directories = new ArrayList<>();
        normalise(json, directories);
        digests.put(name, Sha256.of(withoutRun(JSON.writeValueAsString(json), runId).getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < directories.size(); i++) {
            put(digests, runId, name + "/directory-" + i, directories.get(i));
        }
    }

    /**
     * {@code text} without the run's own names: its id, and in its keys ({@code runs/<id>/<stage>/<lang>/<cache key>/})
     * the cache key, which differs from run to run wherever a stage's input is an index naming run-specific keys.
     */
    private static String withoutRun(String text, String runId) {
        return Pattern.compile(Pattern.quote("runs/" + runId + "/") + "([^/\"]+)/([^/\"]+)/[0-9a-f]{24}/")
                .matcher(text).replaceAll("runs/<run>/$1/$2/<key>/").replace(runId, "<run>");
    }

    /** Drops {@link #MEASURED} fields, and collects the stored directories referred to, keeping only their place. */
    private static void normalise(JsonNode node, List<ArtifactRef> directories) throws IOException {
        if (node instanceof ObjectNode object) {
            object.remove(MEASURED);
            if (StoredDirectory.MEDIA_TYPE.equals(object.path("mediaType").asText()) && object.has("uri")) {
                directories.add(JSON.treeToValue(object, ArtifactRef.class));
                object.remove(List.of("sha256", "size"));
            }
        }
        for (JsonNode child : node) {
            normalise(child, directories);
        }
    }
}
