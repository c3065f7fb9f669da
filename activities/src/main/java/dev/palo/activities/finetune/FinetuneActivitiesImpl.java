package dev.palo.activities.finetune;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.dataset.DatasetIndex;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.training.TrainingJob;
import dev.palo.activities.training.TrainingRecipes;
import dev.palo.activities.training.TrainingStage;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.train.TrainingConfig;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.finetune.FinetuneRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The LoRA fine-tune stage, once per arm: PALO's instruction tuning (stage policy
 * {@code finetune-lora}: adapters on every LM linear at lr 2e-4, the projector fully at 2e-5; LM base
 * and vision tower frozen; {@code vicuna_v1} template; warmup 0.03, cosine) on the arm's
 * dataset-build shards, read in the index's order. The arm's code is the stage's language, so it names
 * every key and the tracking run ({@code finetune palo}); it is also tagged {@code arm} on that run.
 */
public final class FinetuneActivitiesImpl implements FinetuneActivities {
    /** Bump when the output for the same inputs and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "3";
    static final String TEMPLATE = "vicuna_v1";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ObjectStore store;
    private final Tracker tracker;
    private final TrainingStage stage;

    public FinetuneActivitiesImpl(ObjectStore store, Tracker tracker, Path workRoot) {
        this.store = store;
        this.tracker = tracker;
        this.stage = new TrainingStage(store, tracker, workRoot);
    }

    @Override
    public StageResult finetuneLora(FinetuneRequest request) {
        if (request.runId() == null || request.arm() == null || request.pretrainedModel() == null
                || request.dataset() == null || request.imagePrefix() == null || request.settings() == null
                || request.lora() == null) {
            throw StageErrors.invalid("finetune needs runId, arm, pretrainedModel, dataset, imagePrefix, settings and"
                    + " lora, got " + request);
        }
        String arm = request.arm().code();
        LoraConfig lora = new LoraConfig(request.lora().r(), request.lora().alpha(), request.lora().dropout());
        TrainingConfig config = TrainingRecipes.scaled(TrainingConfig.finetuneLora(), request.settings(), lora);
        StageLocation location = TrainingStage.locate(request.runId(), STAGE, arm, CODE_VERSION,
                List.of(request.pretrainedModel(), request.dataset()), request.imagePrefix(), config);
        return StageErrors.standard().run(() -> {
            tracker.setTag(request.trackingRunId(), "arm", arm);
            return stage.run(new TrainingJob(location, CODE_VERSION, request.pretrainedModel(),
                    readIndex(request).shards(), request.imagePrefix(), TEMPLATE, config,
                    request.settings().checkpointEvery(), request.trackingRunId(), request.dataset(),
                    MergedWeights::write));
        });
    }

    private DatasetIndex readIndex(FinetuneRequest request) throws IOException {
        try (InputStream in = store.open(request.dataset())) {
            DatasetIndex index = JSON.readValue(in, DatasetIndex.class);
            if (index.shards() == null || index.shards().isEmpty()) {
                throw StageErrors.invalid("dataset index " + request.dataset().uri() + " lists no shard");
            }
            if (!request.arm().code().equals(index.arm())) {
                throw StageErrors.invalid("dataset index " + request.dataset().uri() + " is the " + index.arm()
                        + " arm's, not the " + request.arm().code() + " arm's");
            }
            return index;
        }
    }
}
