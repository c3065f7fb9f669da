package dev.palo.activities.evaluate.judge;

import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchContext;
import dev.palo.data.bench.BenchQuestion;

/**
 * What a scorer compares for one line of its review file (LLaVA's word; the human review is {@code activities/review}):
 * a question, its image's context caption, the bench's reference answer (assistant 1) and the model's answer
 * (assistant 2).
 *
 * @param id 1-based line number in the review file
 */
public record ScoringItem(int id, BenchQuestion question, BenchContext context, BenchAnswer reference,
                          BenchAnswer answer) {
}
