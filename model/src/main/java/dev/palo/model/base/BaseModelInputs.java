package dev.palo.model.base;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the base models are trained on.
 *
 * @param corpus  the base LM's text, one line per sample (also what the tokenizer is trained on)
 * @param images  labelled images for the vision objective
 * @param slots   the labels' layout
 * @param heldOut per language, lines the LM never trained on, to measure how well it knows each language
 */
public record BaseModelInputs(List<String> corpus, VisionDataset images, AttributeSlots slots,
        Map<String, List<String>> heldOut) {
    public BaseModelInputs {
        corpus = List.copyOf(corpus);
        heldOut = Collections.unmodifiableMap(new LinkedHashMap<>(heldOut));
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("the base LM corpus is empty");
        }
        if (images.size() == 0) {
            throw new IllegalArgumentException("there are no images to train the vision tower on");
        }
    }
}
