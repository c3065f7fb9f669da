package dev.palo.data.bench;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;

/**
 * One line of LLaVA-Bench's {@code questions.jsonl}: the question about {@code image} in {@code category}
 * ({@code conv}, {@code detail} or {@code complex}; the judge reads its rule as {@code llava_bench_<category>}).
 * Fields this record does not name are kept in {@code extra} and written back.
 */
@JsonPropertyOrder({"question_id", "image", "text", "category"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchQuestion(
        @JsonProperty("question_id") int questionId,
        @JsonProperty("image") String image,
        @JsonProperty("text") String text,
        @JsonProperty("category") String category,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public BenchQuestion {
        Objects.requireNonNull(image, "question " + questionId + ": 'image' is missing");
        Objects.requireNonNull(text, "question " + questionId + ": 'text' is missing");
        Objects.requireNonNull(category, "question " + questionId + ": 'category' is missing");
        extra = BenchExtras.sorted(extra);
    }

    public BenchQuestion(int questionId, String image, String text, String category) {
        this(questionId, image, text, category, Map.of());
    }
}
