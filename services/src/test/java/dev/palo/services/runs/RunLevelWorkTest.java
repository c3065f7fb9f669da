package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.progress.StageState;
import dev.palo.workflows.progress.StageWork;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLevelWorkTest {
    private static final Instant STARTED = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void eachArmsDatasetBuildTakesTheHeartbeatThatNamesItsArm() {
        List<StageProgress> stages = List.of(running("dataset-build", "baseline"), running("dataset-build", "palo"),
                running("base-model", "mul"));

        List<StageProgress> attributed = RunLevelWork.attribute(stages, List.of(
                pending("Build", new StageWork("palo", 3000, null, "records written", Map.of("shards", 3L)), 1),
                pending("Build", new StageWork("baseline", 1200, null, "records read", Map.of()), 2)));

        assertEquals(1200L, attributed.get(0).done());
        assertEquals("records read", attributed.get(0).unit());
        assertEquals(2, attributed.get(0).attempt());
        assertEquals(3000L, attributed.get(1).done());
        assertEquals(3.0, attributed.get(1).metrics().get("shards"));
        assertNull(attributed.get(2).done(), "a training stage's progress comes from its curves, not from here");
    }

    @Test
    void validationCountsRecordsAndQuarantineForTheOneValidateStageRunning() {
        List<StageProgress> stages = List.of(completed("validate", "en"), running("validate", "translation-source"));

        List<StageProgress> attributed = RunLevelWork.attribute(stages, List.of(
                pending("Validate", new StageWork(null, 2000, null, "records", Map.of("quarantined", 7L)), 1)));

        assertNull(attributed.get(0).done());
        assertEquals(2000L, attributed.get(1).done());
        assertEquals(7.0, attributed.get(1).metrics().get("quarantined"));
    }

    @Test
    void aValidateOrBuildHeartbeatWithItsInputsRecordCountGivesTheStageItsTotal() {
        List<StageProgress> stages = List.of(running("validate", "en"), running("dataset-build", "palo"));

        List<StageProgress> attributed = RunLevelWork.attribute(stages, List.of(
                pending("Validate", new StageWork(null, 2000, 8000L, "records", Map.of("quarantined", 7L)), 1),
                pending("Build", new StageWork("palo", 3000, 12000L, "records read", Map.of()), 1)));

        assertEquals(8000L, attributed.get(0).total());
        assertEquals(12000L, attributed.get(1).total());
        assertEquals("records read", attributed.get(1).unit());
    }

    @Test
    void theReviewStagesCountsComeFromTheLanguageWorkflowsOwnState() {
        StageState open = new StageState("review", "ar", StageState.RUNNING, STARTED, null, "mlflow-1", null, Map.of(),
                null, null, null, null).working(12, 100, "reviewed", Map.of("quorum", 80.0));

        StageProgress review = StageProgress.of(open);

        assertEquals(12L, review.done());
        assertEquals(100L, review.total());
        assertEquals("reviewed", review.unit());
        assertEquals(80.0, review.metrics().get("quorum"));
    }

    @Test
    void evaluationAddsUpTheAnswersOfBothArms() {
        StageProgress stage = running("evaluate", "both arms");

        StageProgress evaluated = RunLevelWork.evaluate(stage, List.of(
                pending("GenerateAnswers", new StageWork("palo", 40, 120L, "answers", Map.of("chunks", 5L)), 1),
                pending("GenerateAnswers", new StageWork("baseline", 24, 120L, "answers", Map.of("chunks", 3L)), 1)));

        assertEquals(64L, evaluated.done());
        assertEquals(240L, evaluated.total());
        assertEquals("answers", evaluated.unit());
        assertEquals(40.0, evaluated.metrics().get("palo answers"));
        assertEquals(24.0, evaluated.metrics().get("baseline answers"));
    }

    @Test
    void aHeartbeatOfAnotherShapeIsNoWork() {
        assertEquals(false, RunLevelWork.work(pending("Pretrain", Map.of("step", 4), 1)).isPresent());
        assertEquals(false, RunLevelWork.work(pending("Translate", 12, 1)).isPresent());
    }

    @Test
    void trainingStagesWhoseActivitiesNoLaneTookYetAreWaitingAndOnlyWhenWhichIsKnown() {
        Instant now = STARTED.plusSeconds(60);
        List<StageProgress> bothArms = List.of(running("finetune", "baseline"), running("finetune", "palo"),
                running("pretrain", "mul"));

        List<StageProgress> bothWait = RunLevelWork.waiting(bothArms, List.of(scheduled("FinetuneLora", 10),
                scheduled("FinetuneLora", 20)), now);
        assertEquals(STARTED.plusSeconds(10), bothWait.get(0).waitingSince());
        assertTrue(bothWait.get(1).waitingForLane());
        assertFalse(bothWait.get(2).waitingForLane());

        List<StageProgress> oneWaits = RunLevelWork.waiting(bothArms, List.of(scheduled("FinetuneLora", 10),
                started("FinetuneLora")), now);
        assertFalse(oneWaits.get(0).waitingForLane(), "which arm got the lane is unknown");
        assertFalse(oneWaits.get(1).waitingForLane());

        List<StageProgress> pretrain = RunLevelWork.waiting(bothArms, List.of(scheduled("PretrainProjector", 5)), now);
        assertEquals(STARTED.plusSeconds(5), pretrain.get(2).waitingSince());
    }

    @Test
    void aRetryBackingOffIsNotWaitingForALane() {
        PendingActivityInfo backingOff = PendingActivityInfo.newBuilder()
                .setActivityType(ActivityType.newBuilder().setName("Pretrain"))
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED).setAttempt(2)
                .setScheduledTime(at(STARTED)).setNextAttemptScheduleTime(at(STARTED.plusSeconds(120))).build();

        assertTrue(LaneWait.since(backingOff, STARTED.plusSeconds(60)).isEmpty());
        assertEquals(STARTED.plusSeconds(120), LaneWait.since(backingOff, STARTED.plusSeconds(121)).orElseThrow());
        assertTrue(LaneWait.since(started("Pretrain"), STARTED).isEmpty());
    }

    private static PendingActivityInfo scheduled(String type, long secondsAfterStart) {
        return PendingActivityInfo.newBuilder().setActivityType(ActivityType.newBuilder().setName(type))
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED).setAttempt(1)
                .setScheduledTime(at(STARTED.plusSeconds(secondsAfterStart))).build();
    }

    private static PendingActivityInfo started(String type) {
        return PendingActivityInfo.newBuilder().setActivityType(ActivityType.newBuilder().setName(type))
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).setAttempt(1)
                .setScheduledTime(at(STARTED)).build();
    }

    private static com.google.protobuf.Timestamp at(Instant time) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano())
                .build();
    }

    private static StageProgress running(String stage, String label) {
        return new StageProgress(stage, label, "RUNNING", STARTED, null, null, Map.of(), null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static StageProgress completed(String stage, String label) {
        return new StageProgress(stage, label, "COMPLETED", STARTED, STARTED.plusSeconds(5), false, Map.of(), null,
                null, null, null, null, null, null, null, null, null, null);
    }

    private static PendingActivityInfo pending(String type, Object heartbeat, int attempt) {
        return PendingActivityInfo.newBuilder().setActivityType(ActivityType.newBuilder().setName(type))
                .setAttempt(attempt)
                .setHeartbeatDetails(DefaultDataConverter.STANDARD_INSTANCE.toPayloads(heartbeat).orElseThrow())
                .build();
    }
}
