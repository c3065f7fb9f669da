package dev.palo.model;

/** Sentinel ids shared with LLaVA's training code, so data prepared for LLaVA means the same here. */
public final class Constants {
    /** Label value that the loss skips (PyTorch's cross-entropy default). */
    public static final long IGNORE_INDEX = -100;
    /** Placeholder id in input ids where the projected image features are spliced in. */
    public static final long IMAGE_TOKEN_INDEX = -200;

    private Constants() {}
}
