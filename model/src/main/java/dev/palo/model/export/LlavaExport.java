package dev.palo.model.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.SafetensorsReader;
import dev.palo.model.checkpoint.SafetensorsWriter;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a platform bundle ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}, and where the
 * stage wrote them {@code adapter_*} or {@code mm_projector.safetensors}) into the directories LLaVA, PALO,
 * MobileVLM, Hugging Face and PEFT read as shipped, under one export folder:
 * <ul>
 *   <li>{@code llava-palo-<id>/}: the whole model (merged, for a fine-tune): HF {@code config.json} with the flat
 *       Llama keys and the {@code mm_*} keys, {@code model.safetensors} (LM + projector, HF/LLaVA names),
 *       {@code generation_config.json} and the tokenizer files;
 *   <li>{@code palo-vision-tower/}: the vision tower as a CLIP directory ({@code CLIPVisionModel} names,
 *       {@code preprocessor_config.json}), named by {@code mm_vision_tower};
 *   <li>for a LoRA fine-tune, {@code llava-palo-<id>-lora/} in LLaVA's layout (the adapters, {@code adapter_config.json}
 *       naming its base, {@code non_lora_trainables.bin} with the tuned projector, {@code config.json}) and
 *       {@code llava-palo-<id>-base/}, the model the adapters apply to (the parent bundle);
 *   <li>for the projector pretrain, {@code llava-palo-<id>-projector/}: {@code config.json} and
 *       {@code mm_projector.bin}, as LLaVA's pretraining leaves them.
 * </ul>
 * Only files are transformed: no model is built, so a bundle of any size exports in one pass over its tensors.
 */
public final class LlavaExport {
    static final String PROJECTOR_PREFIX = "model.mm_projector.";
    static final String TOWER_PREFIX = "model.vision_tower.vision_tower.";
    /** PeftModel's prefix, which LLaVA's {@code non_lora_trainables.bin} keys carry too. */
    static final String PEFT_PREFIX = ModelCheckpoint.PEFT_PREFIX;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LlavaExport() {
    }

    /**
     * Writes the export of {@code bundle} into {@code out} and returns the directories written, in order.
     *
     * @param parent         the bundle it was trained from; required when {@code bundle} holds LoRA adapters
     * @param id             names the directories ({@code llava-palo-<id>...}), e.g. {@code finetune-palo}
     * @param modelMaxLength the tokenizer's and LLaVA's {@code tokenizer_model_max_length}
     */
    public static List<String> export(Path bundle, Path parent, String id, int modelMaxLength, Path out) {
        PaloConfig config = ModelCheckpoint.readConfig(bundle);
        if (config.loraConfig() != null) {
            throw new IllegalArgumentException(bundle + " holds unmerged LoRA adapters in its model; a bundle's"
                    + " model.safetensors is the plain (merged) model");
        }
        List<String> written = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            LinkedHashMap<String, NDArray> tensors = SafetensorsReader.read(bundle.resolve(LlavaNames.MODEL), manager);
            String name = LlavaNames.modelDir(id);
            writeModel(bundle, config, tensors, modelMaxLength, out.resolve(name));
            written.add(name);
            if (config.isMultimodal()) {
                writeVisionTower(config, tensors, manager, out.resolve(LlavaNames.VISION_TOWER_DIR));
                written.add(LlavaNames.VISION_TOWER_DIR);
            }
            if (Files.isRegularFile(bundle.resolve(ModelCheckpoint.ADAPTER))) {
                if (parent == null) {
                    throw new IllegalArgumentException(bundle + " holds LoRA adapters; exporting them needs the"
                            + " bundle they apply to");
                }
                writeLora(bundle, config, tensors, id, modelMaxLength, out);
                written.add(LlavaNames.loraDir(id));
                writeBase(parent, modelMaxLength, out.resolve(LlavaNames.baseDir(id)));
                written.add(LlavaNames.baseDir(id));
            }
            if (Files.isRegularFile(bundle.resolve(ModelCheckpoint.PROJECTOR))) {
                writeProjector(bundle, config, tensors, modelMaxLength, out.resolve(LlavaNames.projectorDir(id)));
                written.add(LlavaNames.projectorDir(id));
            }
        }
        return written;
    }

    private static void writeModel(Path bundle, PaloConfig config, Map<String, NDArray> tensors, int modelMaxLength,
                                   Path dir) {
        try (HuggingFaceTextTokenizer tokenizer = tokenizer(bundle)) {
            writeJson(dir.resolve(LlavaNames.CONFIG),
                    HfConfigs.languageModel(config, tokenizer, LlavaNames.VISION_TOWER_REF, modelMaxLength));
            writeJson(dir.resolve(LlavaNames.GENERATION_CONFIG), HfConfigs.generation(tokenizer));
            TokenizerFiles.write(bundle.resolve(LlavaNames.TOKENIZER), tokenizer, modelMaxLength, dir);
        }
        LinkedHashMap<String, NDArray> lm = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            if (!name.startsWith(TOWER_PREFIX)) {
                lm.put(name, tensor);
            }
        });
        SafetensorsWriter.write(dir.resolve(LlavaNames.MODEL), lm, Map.of());
    }

    /** The parent bundle as a whole model directory (its tower is the same frozen one, written once). */
    private static void writeBase(Path parent, int modelMaxLength, Path dir) {
        PaloConfig config = ModelCheckpoint.readConfig(parent);
        try (NDManager manager = NDManager.newBaseManager()) {
            writeModel(parent, config, SafetensorsReader.read(parent.resolve(LlavaNames.MODEL), manager),
                    modelMaxLength, dir);
        }
    }

    /**
     * {@code CLIPVisionModel}'s names ({@code vision_model.*}). CLIP's {@code post_layernorm} follows the last layer,
     * whose output LLaVA never reads; the platform has none, so it is written as the identity (weight 1, bias 0),
     * which leaves every hidden state, and so LLaVA's features, unchanged.
     */
    private static void writeVisionTower(PaloConfig config, Map<String, NDArray> tensors, NDManager manager,
                                         Path dir) {
        LinkedHashMap<String, NDArray> tower = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            if (name.startsWith(TOWER_PREFIX)) {
                tower.put(name.substring(TOWER_PREFIX.length()), tensor);
            }
        });
        int hidden = config.visionConfig().hiddenSize();
        tower.put("vision_model.post_layernorm.weight", manager.ones(new ai.djl.ndarray.types.Shape(hidden)));
        tower.put("vision_model.post_layernorm.bias", manager.zeros(new ai.djl.ndarray.types.Shape(hidden)));
        writeJson(dir.resolve(LlavaNames.CONFIG), HfConfigs.visionTower(config.visionConfig()));
        writeJson(dir.resolve(LlavaNames.IMAGE_PROCESSOR), HfConfigs.imageProcessor(config.visionConfig()));
        SafetensorsWriter.write(dir.resolve(LlavaNames.MODEL), tower, Map.of());
    }

    /**
     * LLaVA's LoRA output: the adapters as PEFT saves them, {@code adapter_config.json} naming the base directory,
     * the model's {@code config.json}, and in {@code non_lora_trainables.bin} the tensors trained in full beside the
     * adapters, under PeftModel's names ({@code base_model.model.model.mm_projector.*}): the projector, the only
     * such part in the platform's {@code finetune-lora} policy.
     */
    private static void writeLora(Path bundle, PaloConfig config, Map<String, NDArray> tensors, String id,
                                  int modelMaxLength, Path out) {
        Path dir = out.resolve(LlavaNames.loraDir(id));
        try (HuggingFaceTextTokenizer tokenizer = tokenizer(bundle)) {
            writeJson(dir.resolve(LlavaNames.CONFIG),
                    HfConfigs.languageModel(config, tokenizer, LlavaNames.VISION_TOWER_REF, modelMaxLength));
        }
        writeJson(dir.resolve(LlavaNames.ADAPTER_CONFIG),
                adapterConfig(bundle.resolve(ModelCheckpoint.ADAPTER_CONFIG), "./" + LlavaNames.baseDir(id)));
        try {
            Files.copy(bundle.resolve(ModelCheckpoint.ADAPTER), dir.resolve(LlavaNames.ADAPTER),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the adapters of " + bundle, e);
        }
        LinkedHashMap<String, NDArray> trainables = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            if (name.startsWith(PROJECTOR_PREFIX)) {
                trainables.put(PEFT_PREFIX + name, tensor);
            }
        });
        TorchStateDictWriter.write(dir.resolve(LlavaNames.NON_LORA_TRAINABLES), trainables);
    }

    /** PEFT's {@code LoraConfig} fields for the platform's adapters, with the base they apply to. */
    static ObjectNode adapterConfig(Path platformAdapterConfig, String base) {
        JsonNode saved = readJson(platformAdapterConfig);
        LoraConfig lora = new LoraConfig(saved.path("r").asInt(), (float) saved.path("lora_alpha").asDouble(),
                (float) saved.path("lora_dropout").asDouble());
        ObjectNode json = JSON.createObjectNode();
        json.put("peft_type", "LORA");
        json.put("task_type", "CAUSAL_LM");
        json.put("base_model_name_or_path", base);
        json.put("r", lora.r());
        json.put("lora_alpha", lora.loraAlpha());
        json.put("lora_dropout", lora.loraDropout());
        LoraConfig.TARGET_MODULES.forEach(json.putArray("target_modules")::add);
        json.put("bias", "none");
        json.put("fan_in_fan_out", false);
        json.put("inference_mode", true);
        json.put("init_lora_weights", true);
        json.put("use_rslora", false);
        json.put("use_dora", false);
        json.putNull("modules_to_save");
        json.putNull("layers_to_transform");
        json.putNull("layers_pattern");
        json.putNull("revision");
        return json;
    }

    /** {@code config.json} + {@code mm_projector.bin} ({@code model.mm_projector.*}), LLaVA's pretrain output. */
    private static void writeProjector(Path bundle, PaloConfig config, Map<String, NDArray> tensors, int modelMaxLength,
                                       Path dir) {
        try (HuggingFaceTextTokenizer tokenizer = tokenizer(bundle)) {
            writeJson(dir.resolve(LlavaNames.CONFIG),
                    HfConfigs.languageModel(config, tokenizer, LlavaNames.VISION_TOWER_REF, modelMaxLength));
        }
        LinkedHashMap<String, NDArray> projector = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            if (name.startsWith(PROJECTOR_PREFIX)) {
                projector.put(name, tensor);
            }
        });
        TorchStateDictWriter.write(dir.resolve(LlavaNames.PROJECTOR_BIN), projector);
    }

    private static HuggingFaceTextTokenizer tokenizer(Path bundle) {
        return HuggingFaceTextTokenizer.load(bundle.resolve(LlavaNames.TOKENIZER));
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void writeJson(Path file, JsonNode json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
