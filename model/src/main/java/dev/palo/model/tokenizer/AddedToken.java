package dev.palo.model.tokenizer;

/**
 * An entry of a Hugging Face tokenizer's {@code added_tokens}: a string matched whole before the model runs, with the
 * flags {@code tokenizer.json} and {@code tokenizer_config.json}'s {@code added_tokens_decoder} give it.
 */
public record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip,
                         boolean normalized, boolean special) {
    /** A special token as Llama's tokenizers hold theirs: matched as written, never normalised. */
    public static AddedToken special(int id, String content) {
        return new AddedToken(id, content, false, false, false, false, true);
    }
}
