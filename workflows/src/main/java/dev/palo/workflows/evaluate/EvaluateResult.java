package dev.palo.workflows.evaluate;

import dev.palo.workflows.StageResult;
import java.util.List;

/**
 * @param answers one generate result per arm, in the spec's order
 * @param scores  one score result per arm, in the spec's order
 * @param report  the Table-1 report; its output is {@code table1.json}
 */
public record EvaluateResult(List<StageResult> answers, List<StageResult> scores, StageResult report) {
    public EvaluateResult {
        answers = List.copyOf(answers);
        scores = List.copyOf(scores);
    }
}
