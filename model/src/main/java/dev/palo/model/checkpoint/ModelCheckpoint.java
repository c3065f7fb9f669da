package dev.palo.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.PaloConfig;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checkpoint folders with the file names other tools expect: a full model ({@code config.json} +
 * {@code model.safetensors}, HF/LLaVA tensor names), LoRA adapters alone ({@code adapter_model.safetensors}
 * + {@code adapter_config.json}, PEFT's layout and {@code base_model.model.} prefix) and the projector
 * alone ({@code mm_projector.safetensors}, as LLaVA's pretraining writes it).
 */
public final class ModelCheckpoint {
    public static final String CONFIG = "config.json";
    public static final String MODEL = "model.safetensors";
    public static final String ADAPTER = "adapter_model.safetensors";
    public static final String ADAPTER_CONFIG = "adapter_config.json";
    public static final String PROJECTOR = "mm_projector.safetensors";
    /** PEFT's prefix for adapter tensor names (PeftModel.base_model.model). */
    public static final String PEFT_PREFIX = "base_model.model.";
    private static final String PROJECTOR_PREFIX = "model.mm_projector.";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCheckpoint() {
    }

    public static boolean isLoraTensor(String name) {
        return name.contains(".lora_A.") || name.contains(".lora_B.");
    }

    public static boolean isProjectorTensor(String name) {
        return name.startsWith(PROJECTOR_PREFIX);
    }

    public static void saveModel(PaloModel model, Path dir) {
        saveConfig(model.config(), dir);
        SafetensorsWriter.write(dir.resolve(MODEL), NamedTensors.arraysOf(model.namedParameters()), Map.of());
    }

    /** Writes {@code config.json} alone (an importer writes the weights itself). */
    public static void saveConfig(PaloConfig config, Path dir) {
        writeJson(dir.resolve(CONFIG), JSON.valueToTree(config));
    }

    /** Rebuilds the model from {@code config.json} and loads every tensor by name. */
    public static PaloModel loadModel(NDManager manager, Path dir) {
        PaloConfig config = readConfig(dir);
        PaloModel model = PaloModel.create(manager, config, 0);
        try {
            loadMatching(model, dir.resolve(MODEL), name -> true, "");
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public static PaloConfig readConfig(Path dir) {
        Path file = dir.resolve(CONFIG);
        try {
            return JSON.readValue(file.toFile(), PaloConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + file, e);
        }
    }

    public static void saveAdapters(PaloModel model, Path dir) {
        LoraConfig lora = model.config().loraConfig();
        if (lora == null) {
            throw new IllegalStateException("the model has no LoRA adapters to save");
        }
        ObjectNode config = JSON.createObjectNode().put("peft_type", "LORA").put("task_type", "CAUSAL_LM")
                .put("r", lora.r()).put("lora_alpha", lora.loraAlpha()).put("lora_dropout", lora.loraDropout())
                .put("bias", "none").put("fan_in_fan_out", false).put("inference_mode", true);
        LoraConfig.TARGET_MODULES.forEach(config.putArray("target_modules")::add);
        writeJson(dir.resolve(ADAPTER_CONFIG), config);
        LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
        select(model, ModelCheckpoint::isLoraTensor).forEach((name, p) -> tensors.put(PEFT_PREFIX + name, p.getArray()));
        SafetensorsWriter.write(dir.resolve(ADAPTER), tensors, Map.of());
    }

    /** Enables LoRA from {@code adapter_config.json} if the model has none yet, then loads the adapters. */
    public static void loadAdapters(PaloModel model, Path dir) {
        LoraConfig saved = readAdapterConfig(dir.resolve(ADAPTER_CONFIG));
        if (model.config().loraConfig() == null) {
            model.enableLora(saved);
        } else if (!model.config().loraConfig().equals(saved)) {
            throw new IllegalArgumentException("adapters in " + dir + " were saved with " + saved
                    + " but the model has " + model.config().loraConfig());
        }
        loadMatching(model, dir.resolve(ADAPTER), ModelCheckpoint::isLoraTensor, PEFT_PREFIX);
    }

    public static void saveProjector(PaloModel model, Path dir) {
        SafetensorsWriter.write(dir.resolve(PROJECTOR),
                NamedTensors.arraysOf(select(model, ModelCheckpoint::isProjectorTensor)), Map.of());
    }

    public static void loadProjector(PaloModel model, Path dir) {
        loadMatching(model, dir.resolve(PROJECTOR), ModelCheckpoint::isProjectorTensor, "");
    }

    private static void loadMatching(PaloModel model, Path file, Predicate<String> names, String filePrefix) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint file not found: " + file);
        }
        LinkedHashMap<String, Parameter> targets = new LinkedHashMap<>();
        select(model, names).forEach((name, p) -> targets.put(filePrefix + name, p));
        try (NDManager scratch = NDManager.newBaseManager()) {
            NamedTensors.copyIntoParameters(targets, SafetensorsReader.read(file, scratch), file.toString());
        }
    }

    private static LinkedHashMap<String, Parameter> select(PaloModel model, Predicate<String> names) {
        LinkedHashMap<String, Parameter> selected = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (names.test(name)) {
                selected.put(name, p);
            }
        });
        return selected;
    }

    private static LoraConfig readAdapterConfig(Path file) {
        try {
            JsonNode json = JSON.readTree(file.toFile());
            if (!"LORA".equals(json.path("peft_type").asText())) {
                throw new IllegalArgumentException(file + " is not a LoRA adapter config (peft_type "
                        + json.path("peft_type").asText("<missing>") + ")");
            }
            return new LoraConfig(json.path("r").asInt(), (float) json.path("lora_alpha").asDouble(),
                    (float) json.path("lora_dropout").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read adapter config " + file, e);
        }
    }

    private static void writeJson(Path file, JsonNode json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
