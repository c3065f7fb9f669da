package dev.palo.workflows.language;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.quality.ChrfRequest;
import dev.palo.workflows.quality.ChrfScore;
import dev.palo.workflows.quality.QualityActivities;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.activity.Activity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-test tune and chrF activities: the tuned translator is named after the base, calls are logged. */
final class InMemoryTuneActivities implements TuneActivities, QualityActivities {
    final List<TuneRequest> tuneCalls = new CopyOnWriteArrayList<>();
    /** The task queue each tune call arrived on. */
    final List<String> tuneQueues = new CopyOnWriteArrayList<>();
    final List<ChrfRequest> chrfCalls = new CopyOnWriteArrayList<>();

    static TranslatorRef tunedFrom(TranslatorRef base, String language) {
        String name = base.model() + "-tuned-" + language;
        return base.weights() == null ? TranslatorRef.openai(name)
                : TranslatorRef.local(name, InMemoryActivities.outputOf("tuned", TuneActivities.STAGE, language,
                        base.weights()));
    }

    @Override
    public TuneResult tune(TuneRequest request) {
        tuneCalls.add(request);
        tuneQueues.add(Activity.getExecutionContext().getInfo().getActivityTaskQueue());
        String code = request.language().code();
        ArtifactRef output = InMemoryActivities.outputOf(request.runId(), TuneActivities.STAGE, code, request.pairs());
        return new TuneResult(tunedFrom(request.base(), code), new StageResult(TuneActivities.STAGE, code, output,
                output, false, Map.of("pairs", (double) request.pairs().recordCount())));
    }

    @Override
    public ChrfScore chrf(ChrfRequest request) {
        chrfCalls.add(request);
        return new ChrfScore(true, 42.0, request.translated().recordCount(), "in-memory gold");
    }
}
