package dev.palo.model.tokenizer;

import java.util.List;

/** The Llama special tokens; {@code <pad>} exists only in tokenizers trained here. */
public final class SpecialTokens {
    public static final String UNK = "<unk>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String PAD = "<pad>";
    /** In vocabulary-id order for tokenizers trained here: unk=0, bos=1, eos=2, pad=3. */
    public static final List<String> ALL = List.of(UNK, BOS, EOS, PAD);

    private SpecialTokens() {
    }
}
