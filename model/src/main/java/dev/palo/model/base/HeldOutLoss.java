package dev.palo.model.base;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How well a language model predicts held-out text of one language. Per-token loss depends on how finely the
 * tokenizer cuts that language's script, so bits per character is given too: it compares languages fairly.
 *
 * @param lines       lines scored
 * @param tokens      predicted tokens (each line's tokens after {@code <s>}, {@code </s>} included)
 * @param characters  Unicode code points of the lines
 * @param loss        mean cross-entropy per predicted token, in nats
 * @param perplexity  exp(loss)
 * @param bitsPerChar total cross-entropy in bits divided by characters
 */
public record HeldOutLoss(
        @JsonProperty("lines") int lines,
        @JsonProperty("tokens") long tokens,
        @JsonProperty("characters") long characters,
        @JsonProperty("loss") double loss,
        @JsonProperty("perplexity") double perplexity,
        @JsonProperty("bits_per_char") double bitsPerChar) {

    static HeldOutLoss of(int lines, long tokens, long characters, double totalNats) {
        double loss = totalNats / Math.max(1, tokens);
        return new HeldOutLoss(lines, tokens, characters, loss, Math.exp(loss),
                totalNats / Math.log(2) / Math.max(1, characters));
    }
}
