package dev.palo.activities.pretrain;

import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.training.TrainingJob;
import dev.palo.activities.training.TrainingRecipes;
import dev.palo.activities.training.TrainingStage;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.train.TrainingConfig;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.pretrain.PretrainActivities;
import dev.palo.workflows.pretrain.PretrainRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * The pretrain stage: LLaVA's projector alignment (stage policy {@code pretrain}: projector only,
 * vision tower and LM frozen; {@code plain} template; lr 1e-3, warmup 0.03, cosine) on the caption
 * pairs, scaled by the request's settings. Its bundle holds the full weights and, as LLaVA's
 * pretraining writes it, {@code mm_projector.safetensors}.
 */
public final class PretrainActivitiesImpl implements PretrainActivities {
    /** Bump when the output for the same inputs and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "2";
    static final String TEMPLATE = "plain";

    private final TrainingStage stage;

    public PretrainActivitiesImpl(ObjectStore store, Tracker tracker, Path workRoot) {
        this.stage = new TrainingStage(store, tracker, workRoot);
    }

    @Override
    public StageResult pretrainProjector(PretrainRequest request) {
        if (request.runId() == null || request.baseModel() == null || request.captions() == null
                || request.imagePrefix() == null || request.settings() == null) {
            throw StageErrors.invalid("pretrain needs runId, baseModel, captions, imagePrefix and settings, got "
                    + request);
        }
        TrainingConfig config = TrainingRecipes.scaled(TrainingConfig.pretrain(), request.settings(), null);
        StageLocation location = TrainingStage.locate(request.runId(), STAGE, LANGUAGE, CODE_VERSION,
                List.of(request.baseModel(), request.captions()), request.imagePrefix(), config);
        return stage.run(new TrainingJob(location, CODE_VERSION, request.baseModel(), List.of(request.captions()),
                request.imagePrefix(), TEMPLATE, config, request.settings().checkpointEvery(), request.trackingRunId(),
                request.captions(), (model, manager, dir) -> {
                    ModelCheckpoint.saveModel(model, dir);
                    ModelCheckpoint.saveProjector(model, dir);
                }));
    }
}
