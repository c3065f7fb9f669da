package dev.palo.workflows.translation.translate;

import dev.palo.workflows.ArtifactRef;
import java.util.Objects;

/**
 * Which translator a translate call uses: a chat model of the configured OpenAI-compatible endpoint by name
 * (the base model, or one the fine-tuning API produced), or the weights of a local translator model.
 *
 * @param backend {@link #OPENAI} or {@link #LOCAL}
 * @param model   chat model name ({@code openai}), or the local model's registered name ({@code local})
 * @param weights manifest of the local model bundle in the object store; null for {@code openai}
 */
public record TranslatorRef(String backend, String model, ArtifactRef weights) {
    public static final String OPENAI = "openai";
    public static final String LOCAL = "local";

    public TranslatorRef {
        Objects.requireNonNull(model, "translator model");
        if (OPENAI.equals(backend)) {
            if (weights != null) {
                throw new IllegalArgumentException("an openai translator has no local weights: " + model);
            }
        } else if (LOCAL.equals(backend)) {
            Objects.requireNonNull(weights, "a local translator needs its weights: " + model);
        } else {
            throw new IllegalArgumentException("unknown translator backend '" + backend + "'; known: openai, local");
        }
    }

    public static TranslatorRef openai(String model) {
        return new TranslatorRef(OPENAI, model, null);
    }

    public static TranslatorRef local(String model, ArtifactRef weights) {
        return new TranslatorRef(LOCAL, model, weights);
    }
}
