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
 * One line of a reference answer file ({@code answers_gpt4.jsonl} / {@code answers.jsonl}), in the shape LLaVA's
 * {@code model_vqa.py} writes answers: question id, the prompt asked, the answer text, answer and model ids, and
 * metadata. The judge pairs answers with questions line by line, so order matters.
 */
@JsonPropertyOrder({"question_id", "prompt", "text", "answer_id", "model_id", "metadata"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchAnswer(
        @JsonProperty("question_id") int questionId,
        @JsonProperty("prompt") String prompt,
        @JsonProperty("text") String text,
        @JsonProperty("answer_id") String answerId,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("metadata") JsonNode metadata,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public BenchAnswer {
        Objects.requireNonNull(text, "answer to question " + questionId + ": 'text' is missing");
        extra = BenchExtras.sorted(extra);
    }

    /** A reference answer as written by a generator that knows only the question and the answer text. */
    public static BenchAnswer reference(int questionId, String prompt, String text, String modelId) {
        return new BenchAnswer(questionId, prompt, text, null, modelId, null, Map.of());
    }
}
