package dev.palo.model.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.SafetensorsWriter;
import dev.palo.model.conversation.ConversationTemplate;
import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.conversation.ConversationTurn;
import dev.palo.model.conversation.ImagePlaceholder;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported directories as the reference Python stack loads them (transformers, PEFT, torch: see
 * {@code infra/local/requirements-model.txt}), checked by {@code check_hf_export.py} against what the platform
 * computes here: Llama loading with no missing key, the tokenizer directory's vicuna_v1 encodings, PEFT's merge,
 * {@code torch.load} of the pickles, the CLIP directory, greedy continuations with and without an image.
 *
 * <p>{@code ./palo test} (CI) installs that stack into {@code .palo/venv-model} and passes
 * {@code -Dpalo.export.python.required=true}, which makes a missing stack a failure; a plain {@code mvn test}
 * without the stack skips this class and says so.
 */
class HuggingFaceExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NEW_TOKENS = 12;

    @TempDir
    Path dir;

    @Test
    void exportedDirectoriesLoadAndComputeAsThePlatform() throws Exception {
        String python = ReferencePython.require();

        ExportFixture fixture = ExportFixture.create(dir.resolve("bundles"), "mlp2x_gelu");
        Path out = dir.resolve("export");
        LlavaExport.export(fixture.finetune, fixture.pretrain, "finetune-palo", ExportFixture.MAX_LENGTH, out);
        LlavaExport.export(fixture.pretrain, null, "pretrain", ExportFixture.MAX_LENGTH, out);
        LlavaExport.export(fixture.textOnly, null, "translator", ExportFixture.MAX_LENGTH, out);

        ObjectNode json = JSON.createObjectNode();
        json.put("export", out.toString());
        ArrayNode models = json.putArray("models");
        List.of("llava-palo-pretrain", "llava-palo-finetune-palo", "llava-palo-finetune-palo-base",
                "llava-palo-translator").forEach(models::add);
        json.put("tokenizer_dir", "llava-palo-finetune-palo");
        json.put("vision_tower", LlavaNames.VISION_TOWER_DIR);
        json.putObject("lora").put("dir", "llava-palo-finetune-palo-lora").put("base", "llava-palo-finetune-palo-base")
                .put("merged", "llava-palo-finetune-palo");
        json.putObject("projector_bin").put("file", "llava-palo-pretrain-projector/mm_projector.bin")
                .put("reference", "llava-palo-pretrain/model.safetensors");
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(fixture.tokenizer);
             NDManager manager = NDManager.newBaseManager();
             PaloModel finetuned = ModelCheckpoint.loadModel(manager, fixture.finetune);
             PaloModel translator = ModelCheckpoint.loadModel(manager, fixture.textOnly)) {
            json.putObject("tokenizer").put("bos", tokenizer.bosId()).put("eos", tokenizer.eosId())
                    .put("pad", tokenizer.padId()).put("legacy", tokenizer.legacy());
            ConversationTemplate vicuna = ConversationTemplates.get("vicuna_v1");
            List<ConversationTurn> text = List.of(
                    new ConversationTurn("human", "What colour is the circle?"),
                    new ConversationTurn("gpt", "The circle is red."),
                    new ConversationTurn("human", "Красный круг находится слева?"),
                    new ConversationTurn("gpt", "الدائرة الحمراء على اليسار. 一个红色的圆在左边。"));
            List<ConversationTurn> image = List.of(
                    new ConversationTurn("human", "What colour is the circle?\n<image>"),
                    new ConversationTurn("gpt", "The circle is red."));
            ArrayNode prompts = json.putArray("prompts");
            prompt(prompts, vicuna.generationPrompt(text.subList(0, 1)), tokenizer);
            prompt(prompts, vicuna.generationPrompt(text.subList(0, 3)), tokenizer);
            // the training text of the whole conversation: the platform's own tokenization of the turns
            String training = vicuna.generationPrompt(text.subList(0, 3)) + " " + text.get(3).value() + "</s>";
            long[] trainingIds = prompt(prompts, training, tokenizer);
            assertArrayEquals(vicuna.tokenize(text, tokenizer, ExportFixture.MAX_LENGTH).inputIds(), trainingIds);
            ArrayNode imagePrompts = json.putArray("image_prompts");
            String imagePrompt = vicuna.generationPrompt(image.subList(0, 1));
            long[] imageIds = ImagePlaceholder.tokenize(imagePrompt, tokenizer);
            imagePrompts.addObject().put("text", imagePrompt).set("ids", ids(imageIds));

            ArrayNode greedy = json.putArray("greedy_text");
            greedy.add(greedyText(finetuned, "llava-palo-finetune-palo",
                    tokenizer.encode(vicuna.generationPrompt(text.subList(0, 1)), true), tokenizer, manager));
            greedy.add(greedyText(translator, "llava-palo-translator",
                    tokenizer.encode("Un cercle rouge est", true), tokenizer, manager));

            PaloConfig config = finetuned.config();
            int size = config.visionConfig().imageSize();
            float[] pixels = ExportFixture.image(size, 9);
            NDArray pixelArray = manager.create(pixels, ExportFixture.imageShape(size));
            Path imageFile = dir.resolve("image.safetensors");
            LinkedHashMap<String, NDArray> imageTensors = new LinkedHashMap<>();
            imageTensors.put("pixel_values", pixelArray);
            SafetensorsWriter.write(imageFile, imageTensors, java.util.Map.of());
            long[] answer = new Generator(finetuned).generate(manager.create(new long[][] {imageIds}), null, pixelArray,
                    GenerationConfig.greedy(NEW_TOKENS, tokenizer.eosId())).get(0);
            json.putObject("greedy_image").put("model", "llava-palo-finetune-palo").put("image", imageFile.toString())
                    .put("select_layer", config.mmVisionSelectLayer()).<ObjectNode>set("ids", ids(imageIds))
                    .set("tokens", ids(answer));
        }
        Path fixtureFile = dir.resolve("fixture.json");
        JSON.writeValue(fixtureFile.toFile(), json);
        Path script = dir.resolve("check_hf_export.py");
        try (InputStream in = HuggingFaceExportTest.class.getResourceAsStream("check_hf_export.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder(python, script.toString(), fixtureFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "check_hf_export.py did not finish");
        System.out.println(output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("0 failed"), output);
    }

    private static long[] prompt(ArrayNode prompts, String text, HuggingFaceTextTokenizer tokenizer) {
        long[] ids = tokenizer.encode(text, true);
        prompts.addObject().put("text", text).set("ids", ids(ids));
        return ids;
    }

    private static ObjectNode greedyText(PaloModel model, String name, long[] prompt, HuggingFaceTextTokenizer tokenizer,
                                         NDManager manager) {
        NDArray ids = manager.create(new long[][] {prompt});
        long[] tokens = new Generator(model).generate(ids, null, null,
                GenerationConfig.greedy(NEW_TOKENS, tokenizer.eosId())).get(0);
        float[] logits;
        try (NDManager step = manager.newSubManager()) {
            NDArray input = manager.create(new long[][] {prompt});
            input.attach(step);
            logits = model.forward(new ParameterStore(step, false), input, null, null, null, false).logits()
                    .get(new NDIndex("0, -1, :")).toFloatArray();
        }
        ObjectNode node = JSON.createObjectNode().put("model", name);
        node.set("ids", ids(prompt));
        node.set("tokens", ids(tokens));
        ArrayNode values = node.putArray("logits");
        for (float v : logits) {
            values.add(v);
        }
        return node;
    }

    private static ArrayNode ids(long[] ids) {
        ArrayNode array = JSON.createArrayNode();
        for (long id : ids) {
            array.add(id);
        }
        return array;
    }

    @Test
    void aStateDictTorchSavedReadsAsTheSameValues() throws Exception {
        String python = ReferencePython.require();
        Path file = dir.resolve("pytorch_model.bin");
        // an nn.Module's state dict (its _metadata too) in three float types, one tensor a view into a shared storage
        String script = String.join("\n",
                "import sys, torch",
                "m = torch.nn.Linear(3, 4)",
                "with torch.no_grad():",
                "    m.weight.copy_(torch.arange(12, dtype=torch.float32).reshape(4, 3) / 8)",
                "    m.bias.copy_(torch.tensor([0.5, -1.0, 2.0, 3.25]))",
                "sd = m.state_dict()",
                "base = torch.arange(10, dtype=torch.float32)",
                "sd['half'] = (torch.arange(6, dtype=torch.float32) / 4).to(torch.float16).reshape(2, 3)",
                "sd['bf16'] = torch.tensor([1.5, -2.0, 256.0], dtype=torch.bfloat16)",
                "sd['view'] = base[4:8]",
                "sd['whole'] = base",
                "torch.save(sd, sys.argv[1])");
        Process process = new ProcessBuilder(python, "-c", script, file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0, output);

        try (NDManager manager = NDManager.newBaseManager()) {
            LinkedHashMap<String, NDArray> tensors = TorchStateDictReader.read(file, manager);
            assertEquals(List.of("bf16", "bias", "half", "view", "weight", "whole"), List.copyOf(tensors.keySet()));
            float[] weight = tensors.get("weight").toFloatArray();
            for (int i = 0; i < 12; i++) {
                assertEquals(i / 8f, weight[i]);
            }
            assertArrayEquals(new long[] {4, 3}, tensors.get("weight").getShape().getShape());
            assertArrayEquals(new float[] {0.5f, -1f, 2f, 3.25f}, tensors.get("bias").toFloatArray());
            assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f},
                    tensors.get("half").toType(DataType.FLOAT32, false).toFloatArray());
            assertArrayEquals(new float[] {1.5f, -2f, 256f}, tensors.get("bf16").toFloatArray(), "widened to float32");
            assertArrayEquals(new float[] {4f, 5f, 6f, 7f}, tensors.get("view").toFloatArray());
            assertEquals(10, tensors.get("whole").size());
        }
    }
}
