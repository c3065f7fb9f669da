package dev.palo.model.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.vision.VisionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a base model someone else trained (real weights, e.g. CLIP + Vicuna with a fresh projector) before the
 * platform registers it: {@code config.json} is a multimodal PaloConfig, {@code tokenizer.json} loads and fits the
 * vocabulary, and {@code model.safetensors} holds the embedding, every LM and vision layer and a projector with
 * the configured shapes. Only the safetensors header is read, so a 13B checkpoint is checked in milliseconds.
 */
public final class ImportedBaseModel {
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final String TOWER = "model.vision_tower.vision_tower.vision_model.";

    private ImportedBaseModel() {
    }

    /** The bundle's architecture; an {@link IllegalArgumentException} lists everything that is wrong. */
    public static PaloConfig validate(Path dir) {
        for (String name : List.of(ModelCheckpoint.CONFIG, ModelCheckpoint.MODEL, BaseModelTraining.TOKENIZER)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IllegalArgumentException("the imported base model has no " + name + " (in " + dir + ")");
            }
        }
        PaloConfig config = ModelCheckpoint.readConfig(dir);
        if (!config.isMultimodal()) {
            throw new IllegalArgumentException("the imported base model's config.json has no vision_config: a base"
                    + " model needs a vision tower");
        }
        List<String> problems = new ArrayList<>();
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(dir.resolve(BaseModelTraining.TOKENIZER))) {
            if (tokenizer.vocabSize() > config.textConfig().vocabSize()) {
                problems.add("tokenizer.json has " + tokenizer.vocabSize() + " tokens but text_config.vocab_size is "
                        + config.textConfig().vocabSize());
            }
        }
        JsonNode header = header(dir.resolve(ModelCheckpoint.MODEL));
        LmConfig lm = config.textConfig();
        VisionConfig vision = config.visionConfig();
        expectShape(header, "model.embed_tokens.weight", problems, lm.vocabSize(), lm.hiddenSize());
        if (!lm.tieWordEmbeddings()) {
            expectShape(header, "lm_head.weight", problems, lm.vocabSize(), lm.hiddenSize());
        }
        expectShape(header, TOWER + "embeddings.patch_embedding.weight", problems, vision.hiddenSize(),
                vision.numChannels(), vision.patchSize(), vision.patchSize());
        expectShape(header, TOWER + "embeddings.position_embedding.weight", problems, vision.numPatches() + 1,
                vision.hiddenSize());
        for (int i = 0; i < lm.numHiddenLayers(); i++) {
            expectPrefix(header, "model.layers." + i + ".", problems);
        }
        for (int i = 0; i < vision.numHiddenLayers(); i++) {
            expectPrefix(header, TOWER + "encoder.layers." + i + ".", problems);
        }
        expectPrefix(header, "model.mm_projector.", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the imported base model in " + dir + " does not match its config.json: "
                    + String.join("; ", problems));
        }
        return config;
    }

    private static void expectShape(JsonNode header, String name, List<String> problems, long... shape) {
        JsonNode entry = header.get(name);
        if (entry == null) {
            problems.add("tensor " + name + " is missing");
            return;
        }
        List<Long> found = new ArrayList<>();
        entry.path("shape").forEach(d -> found.add(d.asLong()));
        List<Long> expected = java.util.Arrays.stream(shape).boxed().toList();
        if (!found.equals(expected)) {
            problems.add("tensor " + name + " has shape " + found + ", the config implies " + expected);
        }
    }

    private static void expectPrefix(JsonNode header, String prefix, List<String> problems) {
        for (var names = header.fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith(prefix)) {
                return;
            }
        }
        problems.add("no tensor under " + prefix);
    }

    /** The safetensors JSON header: 8 bytes little-endian length, then that many bytes of JSON. */
    private static JsonNode header(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(length, 0);
            long headerLength = length.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > channel.size()) {
                throw new IllegalArgumentException(file + " is not a safetensors file (header length " + headerLength
                        + ")");
            }
            ByteBuffer json = ByteBuffer.allocate((int) headerLength);
            while (json.hasRemaining()) {
                if (channel.read(json, 8 + json.position()) < 0) {
                    throw new IllegalArgumentException(file + " ends inside its safetensors header");
                }
            }
            return new ObjectMapper().readTree(StandardCharsets.UTF_8.decode(json.flip()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
