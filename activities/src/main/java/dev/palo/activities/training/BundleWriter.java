package dev.palo.activities.training;

import ai.djl.ndarray.NDManager;
import dev.palo.model.multimodal.PaloModel;
import java.io.IOException;
import java.nio.file.Path;

/** What a training stage writes into its output bundle from the trained model: weights, config, extras. */
@FunctionalInterface
public interface BundleWriter {
    /** {@code manager} lives as long as {@code trained}; scratch models made from it must be closed. */
    void write(PaloModel trained, NDManager manager, Path dir) throws IOException;
}
