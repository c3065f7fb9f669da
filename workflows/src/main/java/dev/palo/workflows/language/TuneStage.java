package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.WorkClass;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * Fine-tunes the base translator on the review's corrected pairs. Training the local translator is
 * GPU work; an OpenAI fine-tuning job only needs polling, I/O for the CPU pool.
 */
final class TuneStage implements LanguageStage {
    @Override
    public String name() {
        return TuneActivities.STAGE;
    }

    @Override
    public LanguageJob run(LanguageJob job, String stageTrackingRunId) {
        TranslatorRef base = job.baseTranslator();
        if (!job.tune().supports(base)) {
            throw ApplicationFailure.newNonRetryableFailure("the " + job.language().code() + " translator is a "
                    + base.backend() + " model (" + base.model() + ") but the tune settings have no "
                    + base.backend() + " settings", FailureTypes.INVALID_INPUT);
        }
        TuneActivities activities = Workflow.newActivityStub(TuneActivities.class,
                TranslatorRef.LOCAL.equals(base.backend())
                        ? ActivityPolicies.gpuStage(WorkClass.SHORT, job.tune().heartbeatTimeout())
                        : ActivityPolicies.longStage(TaskQueues.CPU, job.tune().heartbeatTimeout()));
        TuneResult tuned = activities.tune(new TuneRequest(job.runId(), job.language(), job.latestArtifact(), base,
                job.tune(), stageTrackingRunId, job.corrections()));
        return job.withCompleted(tuned.stage()).withTuned(tuned.translator());
    }

    @Override
    public boolean producesTranslation() {
        return false;
    }
}
