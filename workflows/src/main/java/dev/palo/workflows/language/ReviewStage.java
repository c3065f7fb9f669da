package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.events.RunEvents;
import dev.palo.workflows.progress.StageState;
import dev.palo.workflows.review.CorrectedPairsRequest;
import dev.palo.workflows.review.DecidedTask;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewSample;
import dev.palo.workflows.review.ReviewSampleRequest;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.workflows.review.ReviewTask;
import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.review.StoreDecisionRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Human review: samples the post-edited set, then waits for decisions delivered as workflow updates
 * until every task is decided, the quorum is met (if the policy closes on quorum) or the deadline
 * passes, and builds the corrected pairs. Workflow state holds ids, verdicts and versions only; a
 * review with many decisions continues as new and resumes from the decisions stored so far.
 */
final class ReviewStage implements LanguageStage {
    /** Keeps update payloads, and so the history, small: a conversation is a few KB. */
    static final int MAX_CORRECTED_CHARS = 64 * 1024;
    /** Decisions after which the review continues as new. */
    static final int DECISIONS_PER_HISTORY = 200;
    private static final Set<String> SPEAKERS = Set.of("human", "gpt");
    /** What the review's progress counts: tasks with a decision. */
    static final String REVIEWED = "reviewed";
    /** The figure that names the decided tasks the quorum needs. */
    static final String QUORUM = "quorum";
    /** Since this version the review's deadline timer is started only when needed and cancelled once it closes. */
    static final String DEADLINE_CANCELLED = "review-deadline-cancelled";
    private static final int DEADLINE_CANCELLED_VERSION = 1;

    private final ReviewActivities activities = Workflow.newActivityStub(
            ReviewActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));
    private final ReviewActivities decisionStore = Workflow.newActivityStub(
            ReviewActivities.class, ActivityPolicies.reviewDecision());
    private final Map<String, ReviewTask> tasks = new LinkedHashMap<>();
    private final Map<String, Integer> lastVersion = new HashMap<>();
    /** Latest stored decision per task: version and verdict. */
    private final Map<String, Map.Entry<Integer, ReviewVerdict>> decided = new HashMap<>();
    private ReviewState state = ReviewState.NOT_STARTED;
    private String runId;
    private String language;
    private ReviewerMode mode;
    private ArtifactRef sample;
    private int required;
    private int storing;
    private int decisionsInThisHistory;
    private RunEvents events;

    /** Publishes the review's opening and every stored decision. */
    void publishTo(RunEvents runEvents) {
        this.events = runEvents;
    }

    @Override
    public String name() {
        return ReviewActivities.STAGE;
    }

    @Override
    public boolean producesTranslation() {
        return false;
    }

    @Override
    public LanguageJob run(LanguageJob job, String stageTrackingRunId) {
        ArtifactRef input = job.latestArtifact();
        ReviewConfig config = job.review();
        runId = job.runId();
        language = job.language().code();
        mode = config.mode();
        ReviewSample drawn = activities.sample(new ReviewSampleRequest(runId, job.language(), input, config,
                Workflow.currentTimeMillis(), stageTrackingRunId));
        sample = drawn.artifact();
        drawn.tasks().forEach(task -> tasks.put(task.taskId(), task));
        for (DecidedTask done : drawn.decided()) {
            lastVersion.put(done.taskId(), done.version());
            decided.put(done.taskId(), Map.entry(done.version(), done.verdict()));
        }
        required = config.quorum().required(tasks.size());
        state = ReviewState.OPEN;
        if (events != null) {
            events.reviewOpened(runId, language, tasks.size(), required, mode.name());
        }

        boolean closeOnQuorum = config.quorum().closeOnQuorum();
        Supplier<Boolean> closable = () -> decided.size() == tasks.size()
                || (closeOnQuorum && decided.size() >= required);
        long left = drawn.closesAtMillis() - Workflow.currentTimeMillis();
        if (left > 0) {
            awaitAtMost(Duration.ofMillis(left), () -> closable.get() || historyFull());
        }
        if (!closable.get() && historyFull() && Workflow.currentTimeMillis() < drawn.closesAtMillis()) {
            // a long review outgrows one history: the deadline and the stored decisions carry over
            Workflow.await(() -> storing == 0);
            if (events != null) {
                events.lane().drain();
            }
            Workflow.continueAsNew(job);
        }
        state = ReviewState.CLOSED;
        // decisions accepted before closing finish storing, so the pairs see every one of them
        Workflow.await(() -> storing == 0);

        boolean quorumMet = decided.size() >= required;
        if (!quorumMet && config.quorum().onMissed() == MissedQuorum.FAIL) {
            throw ApplicationFailure.newNonRetryableFailure("review of " + language + " missed its quorum: "
                    + decided.size() + " of " + tasks.size() + " tasks decided by the " + config.deadline()
                    + " deadline, " + required + " required", FailureTypes.REVIEW_QUORUM_MISSED);
        }
        return job.withCompleted(activities.buildCorrectedPairs(new CorrectedPairsRequest(runId, job.language(),
                input, sample, mode, quorumMet, stageTrackingRunId)));
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passed. {@code Workflow.await(Duration, …)} of this SDK
     * starts its timer even when the condition already holds and leaves it running once it does (the SDK's flag that
     * cancels it is off for new workflows), so a review closed on quorum kept its deadline: the timer woke the language
     * workflow hours later and, in the time-skipping test server, let time jump past the deadline while later stages
     * ran. Since {@link #DEADLINE_CANCELLED} the timer is started only when needed and cancelled once the condition
     * holds; histories from before wait as they did.
     */
    private static void awaitAtMost(Duration timeout, Supplier<Boolean> condition) {
        if (Workflow.getVersion(DEADLINE_CANCELLED, Workflow.DEFAULT_VERSION, DEADLINE_CANCELLED_VERSION)
                == Workflow.DEFAULT_VERSION) {
            Workflow.await(timeout, condition);
            return;
        }
        if (condition.get()) {
            return;
        }
        Workflow.newCancellationScope(() -> {
            Promise<Void> timer = Workflow.newTimer(timeout);
            Workflow.await(() -> timer.isCompleted() || condition.get());
            if (!timer.isCompleted()) {
                CancellationScope.current().cancel();
            }
        }).run();
    }

    /** About ten history events per decision: the server's suggestion, or a bound well below 10K events. */
    private boolean historyFull() {
        return decisionsInThisHistory >= DECISIONS_PER_HISTORY || Workflow.getInfo().isContinueAsNewSuggested();
    }

    /** Rejects, with the reason, a decision the workflow cannot take; runs before anything is recorded. */
    void validate(ReviewDecision decision) {
        if (decision == null || decision.taskId() == null) {
            throw new IllegalArgumentException("a review decision needs a taskId");
        }
        String task = decision.taskId();
        if (state == ReviewState.NOT_STARTED) {
            throw new IllegalArgumentException("review has not opened yet: earlier stages still run; "
                    + "decision for task '" + task + "' refused");
        }
        if (!language.equals(decision.language())) {
            throw new IllegalArgumentException("decision for task '" + task + "' names language '"
                    + decision.language() + "' but this is the " + language + " review");
        }
        if (state == ReviewState.CLOSED) {
            throw new IllegalArgumentException("the " + language + " review is closed (deadline passed or quorum "
                    + "reached); decision for task '" + task + "' refused");
        }
        if (!tasks.containsKey(task)) {
            throw new IllegalArgumentException("unknown review task '" + task + "' in the " + language + " review");
        }
        if (decision.reviewer() == null || decision.reviewer().isBlank()) {
            throw new IllegalArgumentException("decision for task '" + task + "' names no reviewer");
        }
        if (decision.reviewerLanguages() != null && !decision.reviewerLanguages().contains(language)) {
            throw new IllegalArgumentException("reviewer " + decision.reviewer() + " may not decide " + language
                    + " tasks (reviewer languages: " + decision.reviewerLanguages() + ")");
        }
        if (decision.verdict() == null) {
            throw new IllegalArgumentException("decision for task '" + task
                    + "' needs a verdict: ACCEPT, CORRECT or REJECT");
        }
        if (decision.verdict() != ReviewVerdict.CORRECT) {
            if (!decision.corrected().isEmpty()) {
                throw new IllegalArgumentException(decision.verdict() + " decision for task '" + task
                        + "' carries corrected text; only CORRECT does");
            }
            return;
        }
        if (decision.corrected().isEmpty()) {
            throw new IllegalArgumentException("CORRECT decision for task '" + task + "' has no corrected text");
        }
        long chars = 0;
        for (ReviewTurn turn : decision.corrected()) {
            if (turn == null || !SPEAKERS.contains(turn.from()) || turn.value() == null || turn.value().isBlank()) {
                throw new IllegalArgumentException("CORRECT decision for task '" + task
                        + "' has a turn without speaker (human or gpt) or text: " + turn);
            }
            chars += turn.value().length();
        }
        if (chars > MAX_CORRECTED_CHARS) {
            throw new IllegalArgumentException("corrected text of task '" + task + "' has " + chars
                    + " characters, over the limit of " + MAX_CORRECTED_CHARS);
        }
    }

    /** Stores a validated decision as the task's next version; a turn structure the task lacks fails the update. */
    ReviewReceipt submit(ReviewDecision decision) {
        int version = lastVersion.merge(decision.taskId(), 1, Integer::sum);
        decisionsInThisHistory++;
        storing++;
        try {
            ArtifactRef stored = decisionStore.storeDecision(new StoreDecisionRequest(runId, decision, version, sample));
            Map.Entry<Integer, ReviewVerdict> previous = decided.get(decision.taskId());
            if (previous == null || previous.getKey() < version) {
                decided.put(decision.taskId(), Map.entry(version, decision.verdict()));
            }
            if (events != null) {
                events.reviewDecided(runId, language, decision.taskId(), version, decision.verdict().name());
            }
            return new ReviewReceipt(decision.taskId(), decision.reviewer(), version, stored);
        } catch (ActivityFailure e) {
            throw ApplicationFailure.newNonRetryableFailure("decision for task '" + decision.taskId()
                    + "' not stored: " + rootMessage(e), FailureTypes.INVALID_INPUT);
        } finally {
            storing--;
        }
    }

    ReviewStatus status() {
        Map<ReviewVerdict, Integer> verdicts = new EnumMap<>(ReviewVerdict.class);
        decided.values().forEach(entry -> verdicts.merge(entry.getValue(), 1, Integer::sum));
        List<String> pending = tasks.keySet().stream().filter(id -> !decided.containsKey(id)).toList();
        return new ReviewStatus(language, state, mode, sample, tasks.size(), decided.size(), required, verdicts,
                pending);
    }

    /**
     * The review stage in {@code state} with its decided tasks of the sample's, and the quorum's count, while it is
     * open: the workflow counts these itself (decisions are updates), so the dashboard's bar needs no activity.
     */
    StageState withCounts(StageState stage) {
        if (state != ReviewState.OPEN || tasks.isEmpty() || !StageState.RUNNING.equals(stage.status())) {
            return stage;
        }
        return stage.working(decided.size(), tasks.size(), REVIEWED, Map.of(QUORUM, (double) required));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
    }
}
