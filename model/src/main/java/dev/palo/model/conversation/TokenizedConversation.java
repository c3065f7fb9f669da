package dev.palo.model.conversation;

/**
 * Input ids (with {@code IMAGE_TOKEN_INDEX} at the image placeholder) and labels of the same length
 * ({@code IGNORE_INDEX} wherever the loss must not look).
 */
public record TokenizedConversation(long[] inputIds, long[] labels) {
    public TokenizedConversation {
        if (inputIds.length != labels.length) {
            throw new IllegalArgumentException("input ids (" + inputIds.length + ") and labels ("
                    + labels.length + ") differ in length");
        }
    }

    /** Keeps the first {@code maxLength} positions of both, as LLaVA's data collator does. */
    TokenizedConversation truncate(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("model max length must be positive, got " + maxLength);
        }
        if (inputIds.length <= maxLength) {
            return this;
        }
        return new TokenizedConversation(java.util.Arrays.copyOf(inputIds, maxLength),
                java.util.Arrays.copyOf(labels, maxLength));
    }
}
