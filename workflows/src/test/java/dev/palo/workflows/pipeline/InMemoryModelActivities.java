package dev.palo.workflows.pipeline;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.basemodel.BaseModelRequest;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.GenerateRequest;
import dev.palo.workflows.evaluate.ReportRequest;
import dev.palo.workflows.evaluate.ScoreRequest;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.pretrain.PretrainActivities;
import dev.palo.workflows.pretrain.PretrainRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-test model stages: each names its output after its input, and every request is kept. */
public final class InMemoryModelActivities implements BaseModelActivities, PretrainActivities, FinetuneActivities,
        EvaluateActivities {
    public final List<BaseModelRequest> baseCalls = new CopyOnWriteArrayList<>();
    public final List<PretrainRequest> pretrainCalls = new CopyOnWriteArrayList<>();
    public final List<FinetuneRequest> finetuneCalls = new CopyOnWriteArrayList<>();
    public final List<GenerateRequest> generateCalls = new CopyOnWriteArrayList<>();
    public final List<ReportRequest> reportCalls = new CopyOnWriteArrayList<>();

    @Override
    public StageResult prepare(BaseModelRequest request) {
        baseCalls.add(request);
        return result(request.runId(), BaseModelActivities.STAGE, BaseModelActivities.LANGUAGE,
                request.training().corpus());
    }

    @Override
    public StageResult pretrainProjector(PretrainRequest request) {
        pretrainCalls.add(request);
        return result(request.runId(), PretrainActivities.STAGE, PretrainActivities.LANGUAGE, request.baseModel());
    }

    @Override
    public StageResult finetuneLora(FinetuneRequest request) {
        finetuneCalls.add(request);
        return result(request.runId(), FinetuneActivities.STAGE, request.arm().code(), request.dataset());
    }

    @Override
    public StageResult generateAnswers(GenerateRequest request) {
        generateCalls.add(request);
        return result(request.runId(), ANSWERS_STAGE, request.arm().code(), request.model());
    }

    @Override
    public StageResult scoreAnswers(ScoreRequest request) {
        return result(request.runId(), SCORES_STAGE, request.arm().code(), request.answers());
    }

    @Override
    public StageResult writeReport(ReportRequest request) {
        reportCalls.add(request);
        return result(request.runId(), REPORT_STAGE, "all", request.arms().get(0).scores());
    }

    private static StageResult result(String runId, String stage, String label, ArtifactRef input) {
        return new StageResult(stage, label, InMemoryActivities.outputOf(runId, stage, label, input), input, false,
                Map.of());
    }
}
