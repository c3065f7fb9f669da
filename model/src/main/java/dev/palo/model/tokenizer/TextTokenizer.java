package dev.palo.model.tokenizer;

/**
 * A text tokenizer as the model and the conversation templates see it: ids in, ids out.
 * The {@code <image>} placeholder is never a vocabulary token; templates insert
 * {@code IMAGE_TOKEN_INDEX} themselves, as LLaVA's {@code tokenizer_image_token} does.
 */
public interface TextTokenizer extends AutoCloseable {

    /** Token ids of {@code text}; with special tokens, the bos id comes first (Llama style, no eos). */
    long[] encode(String text, boolean addSpecialTokens);

    /** Text of {@code ids}, special tokens left out. */
    String decode(long[] ids);

    long bosId();

    long eosId();

    /** The padding id; the unk id when the vocabulary has no pad token (LLaVA does the same for Vicuna). */
    long padId();

    long unkId();

    int vocabSize();

    /**
     * LLaVA's {@code tokenizer.legacy}: true when a word-boundary marker is prepended to every text
     * segment, also right after a special token such as {@code </s>}. It decides LLaVA's
     * round-length adjustment in the vicuna_v1 label mask.
     */
    boolean legacy();

    @Override
    void close();
}
