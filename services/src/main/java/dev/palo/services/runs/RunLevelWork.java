package dev.palo.services.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.pretrain.PretrainActivities;
import dev.palo.workflows.progress.StageWork;
import dev.palo.workflows.translation.base.TranslatorActivities;
import dev.palo.workflows.validate.ValidateActivities;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run-level stages' work while they run. They run side by side in one workflow (dataset-build for both arms at
 * once), so a pending activity is matched to its stage by its activity type (which stage's interface declares it)
 * and by the label its {@link StageWork} heartbeat names; the evaluate stage's activities run in its child workflow,
 * both arms at once, and its work is theirs added up.
 */
final class RunLevelWork {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Activity type → the stage it does, from the interfaces of the activities that report {@link StageWork}. */
    private static final Map<String, String> STAGES = stages(Map.of(ValidateActivities.class, ValidateActivities.STAGE,
            DatasetActivities.class, DatasetActivities.STAGE, EvaluateActivities.class, EvaluateActivities.STAGE));

    /** Activity type → stage for every run-level stage, to find the ones waiting for a lane (training included). */
    private static final Map<String, String> ALL_STAGES = stages(Map.of(ValidateActivities.class,
            ValidateActivities.STAGE, DatasetActivities.class, DatasetActivities.STAGE, EvaluateActivities.class,
            EvaluateActivities.STAGE, TranslatorActivities.class, TranslatorActivities.STAGE, BaseModelActivities.class,
            BaseModelActivities.STAGE, PretrainActivities.class, PretrainActivities.STAGE, FinetuneActivities.class,
            FinetuneActivities.STAGE));

    private RunLevelWork() {
    }

    /** The stages with the work, attempt and last failure of the pending activity that is theirs, where one is. */
    static List<StageProgress> attribute(List<StageProgress> stages, List<PendingActivityInfo> pending) {
        List<StageProgress> attributed = new ArrayList<>(stages);
        for (PendingActivityInfo activity : pending) {
            String stage = STAGES.get(activity.getActivityType().getName());
            Optional<StageWork> work = work(activity);
            if (stage == null || work.isEmpty()) {
                continue;
            }
            int at = running(attributed, stage, work.get().label());
            if (at >= 0) {
                attributed.set(at, attributed.get(at).withWork(work.get(), activity.getAttempt(), lastFailure(activity)));
            }
        }
        return waiting(attributed, pending, Instant.now());
    }

    /**
     * Marks the running stages whose activities wait for a lane. A scheduled activity names its stage only by its
     * type, so where several stages of a kind run (both arms' fine-tunes) they are marked only when every one of
     * them waits: which arm got the lane is otherwise unknown.
     */
    static List<StageProgress> waiting(List<StageProgress> stages, List<PendingActivityInfo> pending, Instant now) {
        Map<String, List<Instant>> waitingByStage = new HashMap<>();
        Map<String, Integer> pendingByStage = new HashMap<>();
        for (PendingActivityInfo activity : pending) {
            String stage = ALL_STAGES.get(activity.getActivityType().getName());
            if (stage == null) {
                continue;
            }
            pendingByStage.merge(stage, 1, Integer::sum);
            LaneWait.since(activity, now).ifPresent(since ->
                    waitingByStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(since));
        }
        List<StageProgress> marked = new ArrayList<>(stages);
        waitingByStage.forEach((stage, since) -> {
            List<Integer> running = new ArrayList<>();
            for (int i = 0; i < marked.size(); i++) {
                if (marked.get(i).stage().equals(stage) && RunStatus.RUNNING.equals(marked.get(i).status())) {
                    running.add(i);
                }
            }
            if (!running.isEmpty() && since.size() == running.size() && pendingByStage.get(stage) == since.size()) {
                Instant earliest = since.stream().min(Instant::compareTo).orElseThrow();
                running.forEach(i -> marked.set(i, marked.get(i).waiting(earliest)));
            }
        });
        return marked;
    }

    /**
     * The evaluate stage with the work of its child workflow's pending activities (both arms, added up per unit:
     * answers generated, then languages scored); the stage unchanged when none reported any.
     */
    static StageProgress evaluate(StageProgress stage, List<PendingActivityInfo> pending) {
        Map<String, StageWork> byUnit = new TreeMap<>();
        Map<String, Long> perArm = new TreeMap<>();
        int attempt = 1;
        String lastFailure = null;
        for (PendingActivityInfo activity : pending) {
            Optional<StageWork> found = work(activity);
            if (!EvaluateActivities.STAGE.equals(STAGES.get(activity.getActivityType().getName()))
                    || found.isEmpty()) {
                continue;
            }
            StageWork work = found.get();
            byUnit.merge(work.unit(), work, (a, b) -> new StageWork(null, a.done() + b.done(),
                    a.total() == null || b.total() == null ? null : a.total() + b.total(), a.unit(), Map.of()));
            perArm.put(work.label() + " " + work.unit(), work.done());
            if (activity.getAttempt() > attempt) {
                attempt = activity.getAttempt();
                lastFailure = lastFailure(activity);
            }
        }
        if (byUnit.isEmpty()) {
            return waiting(List.of(stage), pending, Instant.now()).get(0);
        }
        // answers are generated before they are scored: while any arm generates, the bar counts answers
        StageWork total = byUnit.getOrDefault("answers", byUnit.values().iterator().next());
        return stage.withWork(new StageWork(stage.label(), total.done(), total.total(), total.unit(), perArm), attempt,
                lastFailure);
    }

    /** The running stage named {@code stage} with {@code label}, or the only one so named when no label is given. */
    private static int running(List<StageProgress> stages, String stage, String label) {
        int only = -1;
        int count = 0;
        for (int i = 0; i < stages.size(); i++) {
            StageProgress candidate = stages.get(i);
            if (!candidate.stage().equals(stage) || !RunStatus.RUNNING.equals(candidate.status())) {
                continue;
            }
            if (label != null && label.equals(candidate.label())) {
                return i;
            }
            count++;
            only = i;
        }
        return label == null && count == 1 ? only : -1;
    }

    /** The activity's heartbeat as a {@link StageWork}, when it is one (training stages heartbeat other details). */
    static Optional<StageWork> work(PendingActivityInfo activity) {
        if (!activity.hasHeartbeatDetails()) {
            return Optional.empty();
        }
        JsonNode node = TemporalHistory.argument(activity.getHeartbeatDetails(), 0, JsonNode.class);
        if (node == null || !node.isObject() || !node.path("done").isNumber() || !node.path("unit").isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(node, StageWork.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String lastFailure(PendingActivityInfo activity) {
        return activity.hasLastFailure() ? activity.getLastFailure().getMessage() : null;
    }

    private static Map<String, String> stages(Map<Class<?>, String> interfaces) {
        Map<String, String> stages = new HashMap<>();
        interfaces.forEach((type, stage) -> POJOActivityInterfaceMetadata.newInstance(type).getMethodsMetadata()
                .forEach(method -> stages.put(method.getActivityTypeName(), stage)));
        return Map.copyOf(stages);
    }
}
