package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;

/** Conversions between token sequences [B, N, C] and square feature maps [B, C, g, g]. */
final class TokenGrid {
    private TokenGrid() {}

    /** g with g² = tokens; the LDP projectors need the CLS-free patch grid. */
    static int side(int tokens, String projector) {
        int side = (int) Math.round(Math.sqrt(tokens));
        if (side * side != tokens) {
            throw new IllegalArgumentException(projector + " needs a square grid of patch tokens, got " + tokens
                    + " tokens (use mm_vision_select_feature=patch)");
        }
        return side;
    }

    static NDArray toMap(NDArray tokens) {
        long b = tokens.getShape().get(0);
        long c = tokens.getShape().get(2);
        int side = side((int) tokens.getShape().get(1), "token grid");
        return tokens.transpose(0, 2, 1).reshape(b, c, side, side);
    }

    static NDArray toTokens(NDArray map) {
        long b = map.getShape().get(0);
        long c = map.getShape().get(1);
        return map.reshape(b, c, -1).transpose(0, 2, 1);
    }
}
