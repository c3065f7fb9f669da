package dev.palo.model.multimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.palo.model.Constants;
import java.util.Arrays;

/**
 * Replaces each sample's image placeholder by its N projected image tokens, as LLaVA's
 * {@code prepare_inputs_labels_for_multimodal}: labels get IGNORE_INDEX over those N positions,
 * the attention mask copies the placeholder's value, and samples are right-padded to the longest
 * spliced length T' (embeddings 0, mask 0, labels IGNORE_INDEX). Existing padding stays where it
 * was, so left-padded input remains valid through the mask.
 */
final class ImageSplicer {
    private ImageSplicer() {}

    /**
     * @param textEmbeds [B, T, hidden], embeddings of the ids with placeholders replaced by any valid id
     * @param placeholder per sample, the index of its image placeholder or -1
     * @param features [K, N, hidden] projected image features, or null when no sample has an image
     * @param featureRow per sample, its row in {@code features} (unused where placeholder is -1)
     */
    static MultimodalInputs splice(
            NDArray textEmbeds,
            long[][] labels,
            long[][] mask,
            int[] placeholder,
            NDArray features,
            int[] featureRow) {
        int batch = placeholder.length;
        int length = (int) textEmbeds.getShape().get(1);
        int imageTokens = features == null ? 0 : (int) features.getShape().get(1);
        int[] spliced = new int[batch];
        int longest = 0;
        for (int b = 0; b < batch; b++) {
            spliced[b] = placeholder[b] < 0 ? length : length - 1 + imageTokens;
            longest = Math.max(longest, spliced[b]);
        }
        NDManager manager = textEmbeds.getManager();
        NDList rows = new NDList();
        long[] newLabels = new long[batch * longest];
        long[] newMask = new long[batch * longest];
        Arrays.fill(newLabels, Constants.IGNORE_INDEX);
        for (int b = 0; b < batch; b++) {
            NDArray text = textEmbeds.get(b);
            NDList pieces = new NDList();
            int p = placeholder[b];
            int out = b * longest;
            if (p < 0) {
                pieces.add(text);
                copyRow(labels, mask, b, 0, length, newLabels, newMask, out);
            } else {
                if (p > 0) {
                    pieces.add(text.get(new NDIndex(":{}", p)));
                }
                pieces.add(features.get(featureRow[b]));
                if (p + 1 < length) {
                    pieces.add(text.get(new NDIndex("{}:", p + 1)));
                }
                copyRow(labels, mask, b, 0, p, newLabels, newMask, out);
                Arrays.fill(newMask, out + p, out + p + imageTokens, mask[b][p]);
                copyRow(labels, mask, b, p + 1, length, newLabels, newMask, out + imageTokens - 1);
            }
            if (spliced[b] < longest) {
                pieces.add(manager.zeros(new Shape(longest - spliced[b], text.getShape().get(1)), text.getDataType()));
            }
            rows.add(pieces.size() == 1 ? pieces.head() : NDArrays.concat(pieces, 0));
        }
        NDArray embeds = NDArrays.stack(rows, 0);
        Shape shape = new Shape(batch, longest);
        return new MultimodalInputs(
                embeds, labels == null ? null : manager.create(newLabels, shape), manager.create(newMask, shape));
    }

    /** Copies positions [from, to) of sample b to the output starting at outStart + from. */
    private static void copyRow(
            long[][] labels, long[][] mask, int b, int from, int to, long[] newLabels, long[] newMask, int outStart) {
        if (labels != null) {
            System.arraycopy(labels[b], from, newLabels, outStart + from, to - from);
        }
        System.arraycopy(mask[b], from, newMask, outStart + from, to - from);
    }
}
