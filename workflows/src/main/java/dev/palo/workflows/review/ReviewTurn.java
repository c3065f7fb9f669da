package dev.palo.workflows.review;

/**
 * One corrected conversation turn, in LLaVA's shape.
 *
 * @param from  {@code human} or {@code gpt}
 * @param value the corrected text, {@code <image>} kept where the translation had it
 */
public record ReviewTurn(String from, String value) {
}
