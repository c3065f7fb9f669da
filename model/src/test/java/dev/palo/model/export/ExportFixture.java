package dev.palo.model.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.SafetensorsWriter;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.vision.VisionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Platform bundles as the training stages leave them, built in a second: a BPE tokenizer trained on a few
 * sentences of several scripts plus the chat template's text; a pretrain bundle ({@code config.json},
 * {@code model.safetensors}, {@code mm_projector.safetensors}); a LoRA fine-tune bundle from it (adapters in PEFT's
 * layout, the merged model, a projector changed as the fine-tune trains it); a text-only model (the translator's
 * shape). Weights are random but scaled up so that logits are far from ties and greedy decoding is decisive.
 */
final class ExportFixture {
    static final int MAX_LENGTH = 256;
    static final List<String> CORPUS = List.of(
            "A red circle is on the left. There are two blue squares.",
            "What colour is the circle? The circle is red.",
            "Un cercle rouge est à gauche. Il y a deux carrés bleus.",
            "Красный круг находится слева. Есть два синих квадрата.",
            "الدائرة الحمراء على اليسار. هناك مربعان أزرقان.",
            "लाल वृत्त बाईं ओर है। दो नीले वर्ग हैं।",
            "一个红色的圆在左边。有两个蓝色的正方形。",
            "A chat between a curious user and an artificial intelligence assistant. The assistant gives helpful,"
                    + " detailed, and polite answers to the user's questions. USER: ASSISTANT:");

    final Path tokenizer;
    final Path pretrain;
    final Path finetune;
    final Path textOnly;

    private ExportFixture(Path root) {
        this.tokenizer = root.resolve("tokenizer.json");
        this.pretrain = root.resolve("pretrain");
        this.finetune = root.resolve("finetune");
        this.textOnly = root.resolve("translator");
    }

    static ExportFixture create(Path root, String projector) throws IOException {
        return create(root, projector, 0);
    }

    /** The same with at least {@code minVocab} embedding rows, for a tokenizer larger than the fixture's own. */
    static ExportFixture create(Path root, String projector, int minVocab) throws IOException {
        ExportFixture fixture = new ExportFixture(root);
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            corpus.addAll(CORPUS);
        }
        BpeTrainer.Result bpe = new BpeTrainer(420).train(corpus);
        LlamaTokenizerJson.write(bpe, fixture.tokenizer);
        int vocab = Math.max(bpe.vocab().size(), minVocab);
        PaloConfig config = new PaloConfig(new VisionConfig(32, 64, 2, 2, 16, 4, 3, 1e-5f), projector,
                new LmConfig(vocab, 64, 128, 2, 4, 2, 256, 10000.0, 1e-5f, false), null,
                PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
        try (NDManager manager = NDManager.newBaseManager()) {
            try (PaloModel model = PaloModel.create(manager, config, 11)) {
                scale(model.namedParameters(), 7);
                ModelCheckpoint.saveModel(model, fixture.pretrain);
                ModelCheckpoint.saveProjector(model, fixture.pretrain);
                Files.copy(fixture.tokenizer, fixture.pretrain.resolve("tokenizer.json"));

                model.enableLora(new LoraConfig(4, 8f, 0.05f));
                // a fine-tune moves the adapters' B away from zero and the projector
                SplittableRandom random = new SplittableRandom(5);
                model.namedParameters().forEach((name, p) -> {
                    if (name.contains("lora_B") || ModelCheckpoint.isProjectorTensor(name)) {
                        perturb(p, random, name.contains("lora_B") ? 0.05 : 0.01);
                    }
                });
                ModelCheckpoint.saveAdapters(model, fixture.finetune);
                model.mergeLora();
                LinkedHashMap<String, NDArray> merged = new LinkedHashMap<>();
                model.namedParameters().forEach((name, p) -> {
                    if (!ModelCheckpoint.isLoraTensor(name)) {
                        merged.put(name, p.getArray());
                    }
                });
                ModelCheckpoint.saveConfig(config, fixture.finetune);
                SafetensorsWriter.write(fixture.finetune.resolve(ModelCheckpoint.MODEL), merged, Map.of());
                Files.copy(fixture.tokenizer, fixture.finetune.resolve("tokenizer.json"));
            }
            try (PaloModel text = PaloModel.create(manager, PaloConfig.textOnly(config.textConfig()), 12)) {
                scale(text.namedParameters(), 7);
                ModelCheckpoint.saveModel(text, fixture.textOnly);
                Files.copy(fixture.tokenizer, fixture.textOnly.resolve("tokenizer.json"));
            }
        }
        return fixture;
    }

    /** Multiplies every matrix (not the norms) so activations and logits have a useful spread. */
    private static void scale(Map<String, Parameter> parameters, float factor) {
        parameters.forEach((name, p) -> {
            NDArray array = p.getArray();
            if (array.getShape().dimension() >= 2 && !name.contains("lora_")) {
                array.muli(array.getManager().create(factor));
            }
        });
    }

    private static void perturb(Parameter p, SplittableRandom random, double std) {
        NDArray array = p.getArray();
        float[] values = array.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (random.nextGaussian() * std);
        }
        array.set(values);
    }

    static float[] image(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return pixels;
    }

    static Shape imageShape(int size) {
        return new Shape(1, 3, size, size);
    }
}
