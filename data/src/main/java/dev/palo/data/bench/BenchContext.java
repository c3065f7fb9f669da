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
 * One line of {@code context.jsonl}: the caption the judge reads as {@code [Context]} for every question about
 * {@code image}. The judge looks contexts up by image file name.
 */
@JsonPropertyOrder({"id", "image", "caption"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchContext(
        @JsonProperty("id") String id,
        @JsonProperty("image") String image,
        @JsonProperty("caption") String caption,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public BenchContext {
        Objects.requireNonNull(image, "context '" + id + "': 'image' is missing");
        Objects.requireNonNull(caption, "context for image '" + image + "': 'caption' is missing");
        extra = BenchExtras.sorted(extra);
    }

    public BenchContext(String id, String image, String caption) {
        this(id, image, caption, Map.of());
    }
}
