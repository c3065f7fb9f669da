package dev.palo.services.runs;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which translator makes a run's first translations.
 *
 * @param backend {@code local}: the platform trains (once, then from cache) a small local translator on the data's
 *                translation seed corpus — needs {@code data: mini…}; {@code openai}: a chat model at the
 *                {@code translate} endpoint
 * @param model   {@code openai}: the chat model name; {@code local}: the registered model name (default
 *                {@code palo-mini-translator})
 */
@Schema(description = "The translator of the first translation: local (trained by the platform on the seed corpus)"
        + " or openai (a chat model at the translate endpoint)")
public record TranslatorChoice(
        @Schema(enumeration = {"local", "openai"}, required = true) String backend,
        @Schema(description = "chat model name (openai) or registered model name (local)") String model) {
}
