package dev.palo.activities.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PaloModel bundle folder, the format training stages exchange (stored as a StoredDirectory):
 * {@code config.json} + {@code model.safetensors} (ModelCheckpoint's HF/LLaVA names), the model's
 * {@code tokenizer.json}, {@code palo-bundle.json}, and whatever a stage adds (projector, adapters).
 */
public final class ModelBundle {
    public static final String TOKENIZER = "tokenizer.json";
    public static final String INFO = "palo-bundle.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelBundle() {
    }

    /** The bundle's model, in a sub-manager of {@code manager}; the caller closes it. */
    public static PaloModel loadModel(NDManager manager, Path dir) {
        requireFile(dir, ModelCheckpoint.CONFIG);
        requireFile(dir, ModelCheckpoint.MODEL);
        return ModelCheckpoint.loadModel(manager, dir);
    }

    public static HuggingFaceTextTokenizer loadTokenizer(Path dir) {
        return HuggingFaceTextTokenizer.load(requireFile(dir, TOKENIZER));
    }

    /** Adds the tokenizer of {@code parent} and {@code info} to a folder a stage has written its weights into. */
    public static void complete(Path dir, Path parent, BundleInfo info) throws IOException {
        Files.copy(requireFile(parent, TOKENIZER), dir.resolve(TOKENIZER));
        JSON.writeValue(dir.resolve(INFO).toFile(), info);
    }

    public static BundleInfo readInfo(Path dir) throws IOException {
        return JSON.readValue(requireFile(dir, INFO).toFile(), BundleInfo.class);
    }

    private static Path requireFile(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a PaloModel bundle: " + dir + " has no " + name);
        }
        return file;
    }
}
