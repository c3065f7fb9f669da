package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.WorkClass;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateRequest;
import dev.palo.workflows.translation.translate.TranslatorRef;
import io.temporal.workflow.Workflow;
import java.util.function.Function;

/**
 * Translates the English source with one of the job's translators: the first translation, or the
 * re-translation with the tuned one. A chat endpoint is I/O-bound work for the CPU pool; the local
 * translator generates text, GPU work. The stub is made per job because the heartbeat timeout comes
 * from the job's translate settings.
 */
final class TranslateStage implements LanguageStage {
    static final String RETRANSLATE = "retranslate";

    private final String name;
    private final Function<LanguageJob, TranslatorRef> translator;

    private TranslateStage(String name, Function<LanguageJob, TranslatorRef> translator) {
        this.name = name;
        this.translator = translator;
    }

    /** With the job's translator as given: null leaves the choice to the translate settings' chat model. */
    static TranslateStage first() {
        return new TranslateStage(TranslateActivities.STAGE, LanguageJob::translator);
    }

    /** With the translator the tune stage produced. */
    static TranslateStage again() {
        return new TranslateStage(RETRANSLATE, LanguageJob::tuned);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LanguageJob run(LanguageJob job, String stageTrackingRunId) {
        TranslatorRef chosen = translator.apply(job);
        TranslateActivities activities = Workflow.newActivityStub(TranslateActivities.class,
                chosen != null && TranslatorRef.LOCAL.equals(chosen.backend())
                        ? ActivityPolicies.gpuStage(WorkClass.SHORT, job.translate().heartbeatTimeout())
                        : ActivityPolicies.longStage(TaskQueues.CPU, job.translate().heartbeatTimeout()));
        return job.withCompleted(activities.translate(new TranslateRequest(
                job.runId(), job.language(), job.source(), job.translate(), stageTrackingRunId, chosen)));
    }

    /** The activity heartbeats the chunks it committed. */
    @Override
    public long total(LanguageJob job) {
        long records = job.source().recordCount();
        int chunk = Math.max(1, job.translate().chunkSize());
        return (records + chunk - 1) / chunk;
    }

    @Override
    public String unit() {
        return "chunks";
    }

    @Override
    public boolean producesTranslation() {
        return true;
    }
}
