package dev.palo.activities.evaluate.judge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a LLaVA review file, as {@code eval_gpt_review_bench.py} writes it.
 *
 * @param id         1-based line number
 * @param questionId the bench question
 * @param answer1Id  the reference answer's {@code answer_id}, else its question id (as LLaVA)
 * @param answer2Id  the model answer's {@code answer_id}
 * @param category   {@code llava_bench_<category>}, the key the summary groups by
 * @param content    the scorer's full text; its first line holds the two scores
 * @param tuple      parsed scores: reference first, model second
 */
@JsonPropertyOrder({"id", "question_id", "answer1_id", "answer2_id", "category", "content", "tuple"})
public record Review(
        @JsonProperty("id") int id,
        @JsonProperty("question_id") int questionId,
        @JsonProperty("answer1_id") JsonNode answer1Id,
        @JsonProperty("answer2_id") JsonNode answer2Id,
        @JsonProperty("category") String category,
        @JsonProperty("content") String content,
        @JsonProperty("tuple") ScorePair tuple) {
}
