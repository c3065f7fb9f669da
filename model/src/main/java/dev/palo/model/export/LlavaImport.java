package dev.palo.model.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.SafetensorsReader;
import dev.palo.model.checkpoint.SafetensorsWriter;
import dev.palo.model.tokenizer.SentencePieceConversion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The inverse of {@link LlavaExport}: a LLaVA, PALO or MobileVLM checkpoint directory (HF {@code config.json} with
 * the flat Llama keys and the {@code mm_*} keys; safetensors weights or PyTorch's {@code pytorch_model*.bin}, read by
 * {@link TorchStateDictReader}, whole or sharded, any float dtype; a {@code tokenizer.json}) and the CLIP directory
 * its {@code mm_vision_tower} names become the platform's bundle files: {@code config.json} ({@link PaloConfig}),
 * {@code model.safetensors} (float32, the platform's names) and {@code tokenizer.json}. A plain Llama directory (no {@code mm_vision_tower}) becomes a text-only model.
 *
 * <p>The tokenizer: the directory's {@code tokenizer.json} as it is; or, where a release ships only SentencePiece's
 * {@code tokenizer.model} (with {@code tokenizer_config.json}), as LLaMA-2, Vicuna, LLaVA and PALO releases do, the
 * {@code tokenizer.json} transformers' {@code LlamaTokenizerFast} would build from it, written by
 * {@link SentencePieceConversion} with the config's {@code legacy} setting and added tokens (a unigram or otherwise
 * unsupported SentencePiece model is refused with the reason).
 */
public final class LlavaImport {
    /** Tensors of the checkpoints the platform's model has no use for: buffers, CLIP's text side, heads LLaVA skips. */
    private static final List<String> UNUSED = List.of("rotary_emb.inv_freq", "embeddings.position_ids",
            "vision_model.post_layernorm.", "text_model.", "visual_projection.", "text_projection.", "logit_scale");

    private LlavaImport() {
    }

    /** True when {@code dir}'s {@code config.json} is a Hugging Face config (it names a {@code model_type}). */
    public static boolean isHuggingFaceDirectory(Path dir) {
        Path config = dir.resolve(LlavaNames.CONFIG);
        return Files.isRegularFile(config) && LlavaExport.readJson(config).hasNonNull("model_type");
    }

    /**
     * The CLIP directory {@code mm_vision_tower} names, looked up as a path relative to the model directory, then
     * to its parent (an export folder, or a folder of checkpoints laid out by hub id such as
     * {@code openai/clip-vit-large-patch14-336}); null for a text-only model.
     */
    public static Path visionTowerOf(Path modelDir) {
        JsonNode config = LlavaExport.readJson(modelDir.resolve(LlavaNames.CONFIG));
        if (!config.hasNonNull("mm_vision_tower")) {
            return null;
        }
        String ref = config.get("mm_vision_tower").asText();
        for (Path candidate : List.of(modelDir.resolve(ref), modelDir.toAbsolutePath().getParent().resolve(ref))) {
            if (Files.isRegularFile(candidate.resolve(LlavaNames.CONFIG))) {
                return candidate.normalize();
            }
        }
        throw new IllegalArgumentException("the vision tower '" + ref + "' (mm_vision_tower of " + modelDir
                + ") is neither in the model directory nor beside it: place its CLIP directory (config.json,"
                + " safetensors weights) at " + modelDir.resolve(ref) + " or " + modelDir.getParent().resolve(ref));
    }

    /** Writes the platform's bundle files into {@code out} and returns the model's architecture. */
    public static PaloConfig toBundle(Path modelDir, Path out) {
        JsonNode lmJson = LlavaExport.readJson(modelDir.resolve(LlavaNames.CONFIG));
        Path tower = visionTowerOf(modelDir);
        JsonNode towerJson = tower == null ? null : LlavaExport.readJson(tower.resolve(LlavaNames.CONFIG));
        PaloConfig config = HfConfigs.platform(lmJson, towerJson);
        if (config.isMultimodal() && lmJson.has("mm_hidden_size")
                && lmJson.get("mm_hidden_size").asInt() != config.visionConfig().hiddenSize()) {
            throw new IllegalArgumentException("config.json's mm_hidden_size " + lmJson.get("mm_hidden_size")
                    + " differs from the vision tower's hidden_size " + config.visionConfig().hiddenSize());
        }
        Path tokenizer = modelDir.resolve(LlavaNames.TOKENIZER);
        boolean sentencePiece = !Files.isRegularFile(tokenizer) && SentencePieceConversion.hasModel(modelDir);
        if (!Files.isRegularFile(tokenizer) && !sentencePiece) {
            throw new IllegalArgumentException(modelDir + " has neither tokenizer.json nor a SentencePiece"
                    + " tokenizer.model: copy the release's tokenizer files into it");
        }
        if (sentencePiece) {
            // before the weights are read: a SentencePiece model the platform cannot serve is refused at once
            SentencePieceConversion.convert(modelDir, out.resolve(LlavaNames.TOKENIZER));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
            weights(modelDir, manager).forEach((name, tensor) -> {
                if (!unused(name) && !name.startsWith(LlavaExport.TOWER_PREFIX)) {
                    tensors.put(name, float32(tensor));
                }
            });
            if (tower != null) {
                weights(tower, manager).forEach((name, tensor) -> {
                    if (!unused(name)) {
                        tensors.put(LlavaExport.TOWER_PREFIX + name, float32(tensor));
                    }
                });
            }
            ModelCheckpoint.saveConfig(config, out);
            SafetensorsWriter.write(out.resolve(ModelCheckpoint.MODEL), tensors, Map.of());
            if (!sentencePiece) {
                Files.copy(tokenizer, out.resolve(LlavaNames.TOKENIZER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported model into " + out, e);
        }
        return config;
    }

    private static boolean unused(String name) {
        return UNUSED.stream().anyMatch(name::contains);
    }

    private static NDArray float32(NDArray tensor) {
        return tensor.getDataType() == DataType.FLOAT32 ? tensor : tensor.toType(DataType.FLOAT32, false);
    }

    /**
     * {@code model.safetensors}, or every shard {@code model.safetensors.index.json} lists; else the same in PyTorch's
     * format ({@code pytorch_model.bin}, {@code pytorch_model.bin.index.json}), as most LLaVA releases ship.
     */
    private static LinkedHashMap<String, NDArray> weights(Path dir, NDManager manager) {
        Path single = dir.resolve(LlavaNames.MODEL);
        if (Files.isRegularFile(single)) {
            return SafetensorsReader.read(single, manager);
        }
        Path index = dir.resolve(LlavaNames.SHARD_INDEX);
        if (!Files.isRegularFile(index) && Files.isRegularFile(dir.resolve(LlavaNames.TORCH_MODEL))) {
            return TorchStateDictReader.read(dir.resolve(LlavaNames.TORCH_MODEL), manager);
        }
        if (!Files.isRegularFile(index)) {
            index = dir.resolve(LlavaNames.TORCH_SHARD_INDEX);
        }
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException(dir + " has none of " + LlavaNames.MODEL + ", " + LlavaNames.SHARD_INDEX
                    + ", " + LlavaNames.TORCH_MODEL + " or " + LlavaNames.TORCH_SHARD_INDEX);
        }
        TreeSet<String> shards = new TreeSet<>();
        LlavaExport.readJson(index).path("weight_map").forEach(file -> shards.add(file.asText()));
        LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
        for (String shard : shards) {
            Path file = dir.resolve(shard).normalize();
            if (!file.startsWith(dir.normalize())) {
                throw new IllegalArgumentException(index + " names a shard outside its directory: " + shard);
            }
            tensors.putAll(shard.endsWith(".bin") ? TorchStateDictReader.read(file, manager)
                    : SafetensorsReader.read(file, manager));
        }
        return tensors;
    }
}
