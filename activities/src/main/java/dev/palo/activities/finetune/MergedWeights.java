package dev.palo.activities.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.NamedTensors;
import dev.palo.model.multimodal.PaloModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * The fine-tune bundle's weights: the adapters as PEFT stores them, and the model with the adapters
 * folded in, saved as a plain model (no {@code lora_config}, no adapter tensors), so that a reader
 * that knows nothing of LoRA loads the fine-tuned model.
 */
final class MergedWeights {
    private MergedWeights() {
    }

    static void write(PaloModel trained, NDManager manager, Path dir) {
        ModelCheckpoint.saveAdapters(trained, dir);
        trained.mergeLora();
        LinkedHashMap<String, NDArray> merged = new LinkedHashMap<>();
        trained.namedParameters().forEach((name, parameter) -> {
            if (!ModelCheckpoint.isLoraTensor(name)) {
                merged.put(name, parameter.getArray());
            }
        });
        try (PaloModel plain = PaloModel.create(manager, trained.config().withLora(null), 0)) {
            NamedTensors.copyIntoParameters(plain.namedParameters(), merged, "the merged fine-tuned model");
            ModelCheckpoint.saveModel(plain, dir);
        }
    }
}
