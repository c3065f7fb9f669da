package dev.palo.services.studies;

import dev.palo.services.runs.RunMemo;
import dev.palo.services.runs.RunStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the studies list shows of a study without asking its workflow: the recipe's memo (trigger, languages, data, as
 * each of its runs carries it) and the study's seeds and controls, written into the study workflow's memo at start.
 * Memo fields travel with the start event only, so they change nothing a replay sees; studies started before the memo
 * existed show blanks.
 */
final class StudyMemo {
    static final String FINETUNE_SEEDS = "palo.study.finetuneSeeds";
    static final String DATA_SEEDS = "palo.study.dataSeeds";
    /** {@code true} where the baseline arm is the step-matched control. */
    static final String STEP_MATCHED = "palo.study.stepMatchedBaseline";
    /** The bench the runs are scored on: test or validation. */
    static final String BENCH = "palo.study.bench";
    /** {@code true} where the study runs Table 2's single-language arms. */
    static final String SINGLE_LANGUAGE_ARMS = "palo.study.singleLanguageArms";

    private StudyMemo() {
    }

    static Map<String, Object> of(Map<String, String> recipe, List<Long> finetuneSeeds, List<Long> dataSeeds,
                                  boolean stepMatched, String bench, boolean singleLanguageArms) {
        Map<String, Object> memo = new LinkedHashMap<>(recipe);
        memo.put(FINETUNE_SEEDS, join(finetuneSeeds));
        memo.put(DATA_SEEDS, join(dataSeeds));
        memo.put(STEP_MATCHED, Boolean.toString(stepMatched));
        memo.put(BENCH, bench);
        memo.put(SINGLE_LANGUAGE_ARMS, Boolean.toString(singleLanguageArms));
        return memo;
    }

    static StudySummary summary(WorkflowExecutionMetadata study) {
        return new StudySummary(study.getExecution().getWorkflowId(), RunStatus.of(study.getStatus()),
                study.getStartTime(), study.getCloseTime(), RunMemo.trigger(study),
                RunMemo.languages(study), RunMemo.data(study), seeds(study, FINETUNE_SEEDS), seeds(study, DATA_SEEDS),
                "true".equals(RunMemo.text(study, STEP_MATCHED)), RunMemo.text(study, BENCH),
                "true".equals(RunMemo.text(study, SINGLE_LANGUAGE_ARMS)));
    }

    private static List<Long> seeds(WorkflowExecutionMetadata study, String key) {
        String seeds = RunMemo.text(study, key);
        return seeds == null || seeds.isEmpty() ? List.of() : Arrays.stream(seeds.split(",")).map(Long::valueOf)
                .toList();
    }

    private static String join(List<Long> seeds) {
        return String.join(",", seeds.stream().map(String::valueOf).toList());
    }
}
