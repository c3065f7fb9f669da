package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.events.EventLane;
import dev.palo.workflows.events.RunEvents;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.progress.LanguageProgressState;
import dev.palo.workflows.progress.StageBoard;
import dev.palo.workflows.progress.StageState;
import dev.palo.workflows.quality.ChrfRequest;
import dev.palo.workflows.quality.ChrfScore;
import dev.palo.workflows.quality.QualityActivities;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.workflows.tracking.StageTracking;
import dev.palo.workflows.tracking.TrackingActivities;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the stages not yet in {@link LanguageJob#completed()}, each inside its own nested
 * tracking run. Between stages it continues as new when the server suggests it, carrying the
 * finished stages, so long stage lists never outgrow one history.
 */
public class LanguagePipelineWorkflowImpl implements LanguagePipelineWorkflow {
    /**
     * Version 1 adds, when the job asks for them, the translator fine-tune, the re-translation and its
     * post-edit, and chrF against gold after every translating stage; histories from before replay without.
     */
    static final String TUNE_AND_CHRF = "tune-retranslate-chrf";
    private static final int TUNE_AND_CHRF_VERSION = 1;
    /** Version 1 checks the language's floor after its last stage; histories from before end without it. */
    static final String FLOOR = "language-floor";
    private static final int FLOOR_VERSION = 1;

    private final TrackingActivities tracking =
            Workflow.newActivityStub(TrackingActivities.class, ActivityPolicies.tracking());
    /** Language stages left their run open when they failed before {@link StageTracking#CLOSE_FAILED}. */
    private final StageTracking stageTracking = new StageTracking(StageTracking.BeforeVersion.NEVER);
    private final QualityActivities quality =
            Workflow.newActivityStub(QualityActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));
    private final ReviewStage review = new ReviewStage();
    private final StageBoard board = new StageBoard();
    /** What the language went on despite; the progress query shows it. */
    private List<String> warnings = List.of();
    private String language;
    private RunEvents events;

    @Override
    public LanguageResult run(LanguageJob job) {
        boolean tuneAndChrf = Workflow.getVersion(TUNE_AND_CHRF, Workflow.DEFAULT_VERSION, TUNE_AND_CHRF_VERSION)
                == TUNE_AND_CHRF_VERSION;
        List<LanguageStage> stages = stages(job, tuneAndChrf);
        language = job.language().code();
        events = new RunEvents(EventLane.forThisWorkflow());
        review.publishTo(events);
        for (int i = 0; i < stages.size(); i++) {
            if (i < job.completed().size()) {
                board.completedEarlier(stages.get(i).name(), language, job.completed().get(i));
            } else {
                board.plan(stages.get(i).name(), language);
            }
        }
        LanguageJob progress = job;
        for (int next = progress.completed().size(); next < stages.size(); next++) {
            if (next > job.completed().size() && Workflow.getInfo().isContinueAsNewSuggested()) {
                stageTracking.drain();
                events.lane().drain();
                Workflow.continueAsNew(progress);
            }
            LanguageStage stage = stages.get(next);
            board.start(stage.name(), language, stage.total(progress), stage.unit());
            events.stageStarted(job.runId(), stage.name(), language);
            try {
                progress = runStage(stage, progress, tuneAndChrf);
            } catch (RuntimeException e) {
                board.fail(stage.name(), language, e.getMessage());
                Workflow.newDetachedCancellationScope(() -> {
                    stageTracking.drainAfter(e);
                    events.stageFailed(job.runId(), stage.name(), language, e.getMessage());
                    events.lane().drain();
                }).run();
                throw e;
            }
        }
        try {
            stageTracking.drain();
            return withFloor(progress);
        } finally {
            events.lane().drain();
        }
    }

    /**
     * A language below its floor fails with its QA counts, or under {@code WARN} ends with the warning in its result
     * and as a tag of the pipeline's tracking run.
     */
    private LanguageResult withFloor(LanguageJob done) {
        String code = done.language().code();
        if (Workflow.getVersion(FLOOR, Workflow.DEFAULT_VERSION, FLOOR_VERSION) != FLOOR_VERSION) {
            return new LanguageResult(code, done.completed());
        }
        Optional<String> shortfall = LanguageFloor.shortfall(code, done.qa(), done.completed());
        if (shortfall.isEmpty()) {
            return new LanguageResult(code, done.completed());
        }
        if (done.qa().onLowYield() == LowYieldAction.FAIL) {
            throw ApplicationFailure.newNonRetryableFailure(shortfall.get() + "; the language is failed"
                    + " (qa.onLowYield FAIL)", FailureTypes.LANGUAGE_BELOW_FLOOR);
        }
        tracking.warn(done.trackingRunId(), "floor." + code, shortfall.get());
        warnings = List.of(shortfall.get() + "; the language goes on (qa.onLowYield WARN)");
        return new LanguageResult(code, done.completed(), warnings);
    }

    private LanguageJob runStage(LanguageStage stage, LanguageJob job, boolean tuneAndChrf) {
        StageTracking.Tracked<StageOutcome> outcome = stageTracking.run(job.trackingRunId(), stage.name(), language,
                stageRun -> measured(stage, job, tuneAndChrf, stageRun), done -> done.progress().latestResult());
        LanguageJob progress = outcome.value().progress();
        events.stageCompleted(job.runId(), stage.name(), language, outcome.trackingRunId(), progress.latestResult(),
                outcome.value().chrf(), outcome.closed());
        return progress;
    }

    /** The stage's work inside its tracking run: its output, then chrF against gold where it translated. */
    private StageOutcome measured(LanguageStage stage, LanguageJob job, boolean tuneAndChrf, String stageRun) {
        board.tracked(stage.name(), language, stageRun);
        LanguageJob progress = stage.run(job, stageRun);
        Double chrf = null;
        if (tuneAndChrf && stage.producesTranslation() && progress.origin() != null) {
            ChrfScore score = quality.chrf(new ChrfRequest(progress.language(), progress.latestArtifact(),
                    progress.origin(), stageRun));
            if (score != null && score.measured()) {
                board.chrf(stage.name(), language, score.chrf());
                chrf = score.chrf();
            }
        }
        // the stage's work ends with its output and chrF; closing its tracking run is bookkeeping
        board.complete(stage.name(), language, progress.latestResult());
        return new StageOutcome(progress, chrf);
    }

    /** A finished stage: the job with its result appended and its chrF (null: not measured). */
    private record StageOutcome(LanguageJob progress, Double chrf) {
    }

    /** Translate, post-edit and review; with tune settings, then tune, re-translate and post-edit again. */
    private List<LanguageStage> stages(LanguageJob job, boolean tuneAndChrf) {
        List<LanguageStage> stages = new ArrayList<>(List.of(TranslateStage.first(), PostEditStage.first(), review));
        if (tuneAndChrf && job.tune() != null) {
            stages.addAll(List.of(new TuneStage(), TranslateStage.again(), PostEditStage.again()));
        }
        return stages;
    }

    @Override
    public ReviewReceipt submitReview(ReviewDecision decision) {
        return review.submit(decision);
    }

    @Override
    public void validateReview(ReviewDecision decision) {
        review.validate(decision);
    }

    @Override
    public ReviewStatus reviewStatus() {
        return review.status();
    }

    @Override
    public LanguageProgressState progress() {
        List<StageState> stages = board.snapshot().stream()
                .map(stage -> stage.stage().equals(review.name()) ? review.withCounts(stage) : stage).toList();
        return new LanguageProgressState(language, stages, warnings);
    }
}
