package dev.palo.model.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.SafetensorsReader;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export → import gives the same architecture, bit-identical tensors and the same greedy answers. */
class LlavaRoundTripTest {
    @TempDir
    static Path dir;
    static ExportFixture mlp;
    static Path out;

    @BeforeAll
    static void export() throws IOException {
        mlp = ExportFixture.create(dir.resolve("mlp"), "mlp2x_gelu");
        out = dir.resolve("export");
        assertEquals(List.of("llava-palo-finetune-palo", "palo-vision-tower", "llava-palo-finetune-palo-lora",
                        "llava-palo-finetune-palo-base"),
                LlavaExport.export(mlp.finetune, mlp.pretrain, "finetune-palo", ExportFixture.MAX_LENGTH, out));
        assertEquals(List.of("llava-palo-pretrain", "palo-vision-tower", "llava-palo-pretrain-projector"),
                LlavaExport.export(mlp.pretrain, null, "pretrain", ExportFixture.MAX_LENGTH, out));
    }

    @Test
    void everyDirectoryHasTheFilesItsConsumerReads() {
        for (String model : List.of("llava-palo-finetune-palo", "llava-palo-finetune-palo-base", "llava-palo-pretrain")) {
            for (String file : List.of("config.json", "model.safetensors", "generation_config.json", "tokenizer.json",
                    "tokenizer_config.json", "special_tokens_map.json")) {
                assertTrue(Files.isRegularFile(out.resolve(model).resolve(file)), model + "/" + file);
            }
        }
        for (String file : List.of("config.json", "adapter_config.json", "adapter_model.safetensors",
                "non_lora_trainables.bin")) {
            assertTrue(Files.isRegularFile(out.resolve("llava-palo-finetune-palo-lora").resolve(file)), file);
        }
        for (String file : List.of("config.json", "model.safetensors", "preprocessor_config.json")) {
            assertTrue(Files.isRegularFile(out.resolve("palo-vision-tower").resolve(file)), file);
        }
        assertTrue(Files.isRegularFile(out.resolve("llava-palo-pretrain-projector/mm_projector.bin")));
        assertTrue(Files.isRegularFile(out.resolve("llava-palo-pretrain-projector/config.json")));
    }

    @Test
    void configCarriesTheLlamaAndMultimodalKeys() {
        JsonNode config = LlavaExport.readJson(out.resolve("llava-palo-finetune-palo/config.json"));
        assertEquals("llava_llama", config.get("model_type").asText());
        assertEquals("LlavaLlamaForCausalLM", config.get("architectures").get(0).asText());
        assertEquals("./palo-vision-tower", config.get("mm_vision_tower").asText());
        assertEquals("mlp2x_gelu", config.get("mm_projector_type").asText());
        assertEquals(32, config.get("mm_hidden_size").asInt());
        assertEquals(1, config.get("bos_token_id").asInt());
        assertEquals(2, config.get("eos_token_id").asInt());
        assertFalse(config.get("mm_use_im_patch_token").asBoolean());
        assertEquals("pad", config.get("image_aspect_ratio").asText());
        JsonNode tower = LlavaExport.readJson(out.resolve("palo-vision-tower/config.json"));
        assertEquals("quick_gelu", tower.get("hidden_act").asText());
        assertEquals("clip_vision_model", tower.get("model_type").asText());
        JsonNode adapter = LlavaExport.readJson(out.resolve("llava-palo-finetune-palo-lora/adapter_config.json"));
        assertEquals("./llava-palo-finetune-palo-base", adapter.get("base_model_name_or_path").asText());
        JsonNode tokenizer = LlavaExport.readJson(out.resolve("llava-palo-finetune-palo/tokenizer_config.json"));
        assertTrue(tokenizer.get("legacy").asBoolean(), "the platform's tokenizers prepend ▁ to every segment");
    }

    @Test
    void importGivesIdenticalTensorsAndAnswers() throws IOException {
        Path imported = dir.resolve("imported-finetune");
        PaloConfig config = LlavaImport.toBundle(out.resolve("llava-palo-finetune-palo"), imported);
        assertEquals(ModelCheckpoint.readConfig(mlp.finetune), config);
        assertSameTensors(mlp.finetune.resolve("model.safetensors"), imported.resolve("model.safetensors"));
        assertArrayEquals(Files.readAllBytes(mlp.finetune.resolve("tokenizer.json")),
                Files.readAllBytes(imported.resolve("tokenizer.json")));
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel original = ModelCheckpoint.loadModel(manager, mlp.finetune);
             PaloModel back = ModelCheckpoint.loadModel(manager, imported)) {
            int size = config.visionConfig().imageSize();
            NDArray image = manager.create(ExportFixture.image(size, 3), ExportFixture.imageShape(size));
            NDArray ids = manager.create(new long[][] {{1, 30, Constants.IMAGE_TOKEN_INDEX, 40, 50, 60}});
            GenerationConfig greedy = GenerationConfig.greedy(12, -1);
            long[] expected = new Generator(original).generate(ids, null, image, greedy).get(0);
            assertArrayEquals(expected, new Generator(back).generate(ids, null, image, greedy).get(0));
        }
    }

    @Test
    void aReleaseInPyTorchsFormatImportsAsTheSameTensors() throws IOException {
        // as LLaVA-1.5 ships: pytorch_model-0000N-of-0000M.bin shards and their index, no safetensors
        Path release = dir.resolve("bin-release");
        Path exported = out.resolve("llava-palo-finetune-palo");
        Files.createDirectories(release);
        for (String file : List.of("config.json", "tokenizer.json")) {
            Files.copy(exported.resolve(file), release.resolve(file));
        }
        // beside a tokenizer.json, a SentencePiece model is left unread (this one is not even a model)
        Files.writeString(release.resolve("tokenizer.model"), "not read");
        // its vision tower beside it, where mm_vision_tower ("./palo-vision-tower") is looked up
        Files.createSymbolicLink(dir.resolve("palo-vision-tower"), out.resolve("palo-vision-tower"));
        try (NDManager manager = NDManager.newBaseManager()) {
            LinkedHashMap<String, NDArray> tensors = SafetensorsReader.read(exported.resolve("model.safetensors"),
                    manager);
            List<String> names = List.copyOf(tensors.keySet());
            LinkedHashMap<String, NDArray> first = new LinkedHashMap<>();
            LinkedHashMap<String, NDArray> second = new LinkedHashMap<>();
            ObjectNode weightMap = new ObjectMapper().createObjectNode();
            for (int i = 0; i < names.size(); i++) {
                boolean early = i < names.size() / 2;
                (early ? first : second).put(names.get(i), tensors.get(names.get(i)));
                weightMap.put(names.get(i), "pytorch_model-0000" + (early ? 1 : 2) + "-of-00002.bin");
            }
            TorchStateDictWriter.write(release.resolve("pytorch_model-00001-of-00002.bin"), first);
            TorchStateDictWriter.write(release.resolve("pytorch_model-00002-of-00002.bin"), second);
            ObjectNode index = new ObjectMapper().createObjectNode();
            index.set("weight_map", weightMap);
            Files.writeString(release.resolve(LlavaNames.TORCH_SHARD_INDEX), index.toString());
        }

        Path imported = dir.resolve("imported-bin");
        LlavaImport.toBundle(release, imported);

        assertSameTensors(mlp.finetune.resolve("model.safetensors"), imported.resolve("model.safetensors"));
        assertArrayEquals(Files.readAllBytes(exported.resolve("tokenizer.json")),
                Files.readAllBytes(imported.resolve("tokenizer.json")));
    }

    @Test
    void theLoraBaseImportsAsThePretrainedModel() {
        Path imported = dir.resolve("imported-base");
        LlavaImport.toBundle(out.resolve("llava-palo-finetune-palo-base"), imported);
        assertSameTensors(mlp.pretrain.resolve("model.safetensors"), imported.resolve("model.safetensors"));
    }

    @Test
    void ldpIsExportedAsLdpnetForPaloAndImportedBack() throws IOException {
        ExportFixture ldp = ExportFixture.create(dir.resolve("ldp"), "ldp");
        Path ldpOut = dir.resolve("ldp-export");
        LlavaExport.export(ldp.pretrain, null, "pretrain", ExportFixture.MAX_LENGTH, ldpOut);
        JsonNode config = LlavaExport.readJson(ldpOut.resolve("llava-palo-pretrain/config.json"));
        assertEquals("ldpnet", config.get("mm_projector_type").asText());
        assertEquals("palo", config.get("model_type").asText());
        assertEquals("PaloForCausalLM", config.get("architectures").get(0).asText());
        Path imported = dir.resolve("ldp-imported");
        assertEquals("ldp", LlavaImport.toBundle(ldpOut.resolve("llava-palo-pretrain"), imported).mmProjectorType());
        assertSameTensors(ldp.pretrain.resolve("model.safetensors"), imported.resolve("model.safetensors"));
    }

    @Test
    void textOnlyModelIsAPlainLlama() {
        Path textOut = dir.resolve("text-export");
        assertEquals(List.of("llava-palo-translator"),
                LlavaExport.export(mlp.textOnly, null, "translator", ExportFixture.MAX_LENGTH, textOut));
        JsonNode config = LlavaExport.readJson(textOut.resolve("llava-palo-translator/config.json"));
        assertEquals("llama", config.get("model_type").asText());
        assertFalse(config.has("mm_vision_tower"));
        Path imported = dir.resolve("text-imported");
        assertFalse(LlavaImport.toBundle(textOut.resolve("llava-palo-translator"), imported).isMultimodal());
        assertSameTensors(mlp.textOnly.resolve("model.safetensors"), imported.resolve("model.safetensors"));
    }

    /** mm_projector.bin: torch's zip layout, the projector's raw bytes in data/N in the pickle's order. */
    @Test
    void projectorPickleHoldsTheProjectorBytes() throws IOException {
        Path bin = out.resolve("llava-palo-pretrain-projector/mm_projector.bin");
        List<String> projector = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); ZipFile zip = new ZipFile(bin.toFile())) {
            LinkedHashMap<String, NDArray> tensors = SafetensorsReader.read(mlp.pretrain.resolve("model.safetensors"),
                    manager);
            int storage = 0;
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                if (e.getKey().startsWith("model.mm_projector.")) {
                    projector.add(e.getKey());
                    ZipEntry entry = zip.getEntry("archive/data/" + storage++);
                    assertArrayEquals(bytes(e.getValue()), zip.getInputStream(entry).readAllBytes(), e.getKey());
                }
            }
            assertEquals(4, projector.size());
            String pickle = new String(zip.getInputStream(zip.getEntry("archive/data.pkl")).readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            projector.forEach(name -> assertTrue(pickle.contains(name), name));
            assertTrue(pickle.contains("torch._utils\n_rebuild_tensor_v2\n"));
            assertEquals("3\n", new String(zip.getInputStream(zip.getEntry("archive/version")).readAllBytes(),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void importRefusesWhatThePlatformCannotRun() throws IOException {
        Path copy = dir.resolve("bad");
        Path model = copy.resolve("llava-palo-x");
        Files.createDirectories(model);
        for (String file : List.of("config.json", "model.safetensors")) {
            Files.copy(out.resolve("llava-palo-pretrain").resolve(file), model.resolve(file));
        }
        Files.createDirectories(copy.resolve("palo-vision-tower"));
        for (String file : List.of("config.json", "model.safetensors")) {
            Files.copy(out.resolve("palo-vision-tower").resolve(file), copy.resolve("palo-vision-tower").resolve(file));
        }
        IllegalArgumentException noTokenizer = assertThrows(IllegalArgumentException.class,
                () -> LlavaImport.toBundle(model, dir.resolve("bad-out-1")));
        assertTrue(noTokenizer.getMessage().contains("tokenizer.json"), noTokenizer.getMessage());

        Files.copy(out.resolve("llava-palo-pretrain/tokenizer.json"), model.resolve("tokenizer.json"));
        ObjectNode config = (ObjectNode) LlavaExport.readJson(model.resolve("config.json"));
        config.put("mm_use_im_start_end", true);
        LlavaExport.writeJson(model.resolve("config.json"), config);
        IllegalArgumentException startEnd = assertThrows(IllegalArgumentException.class,
                () -> LlavaImport.toBundle(model, dir.resolve("bad-out-2")));
        assertTrue(startEnd.getMessage().contains("mm_use_im_start_end"), startEnd.getMessage());

        config.put("mm_use_im_start_end", false).put("mm_projector_type", "resampler");
        LlavaExport.writeJson(model.resolve("config.json"), config);
        IllegalArgumentException projector = assertThrows(IllegalArgumentException.class,
                () -> LlavaImport.toBundle(model, dir.resolve("bad-out-3")));
        assertTrue(projector.getMessage().contains("resampler"), projector.getMessage());

        config.put("mm_projector_type", "mlp2x_gelu").put("mm_vision_tower", "openai/clip-vit-large-patch14-336");
        LlavaExport.writeJson(model.resolve("config.json"), config);
        IllegalArgumentException tower = assertThrows(IllegalArgumentException.class,
                () -> LlavaImport.toBundle(model, dir.resolve("bad-out-4")));
        assertTrue(tower.getMessage().contains("openai/clip-vit-large-patch14-336"), tower.getMessage());
        assertTrue(new ObjectMapper().readTree(model.resolve("config.json").toFile()).has("model_type"));
    }

    static void assertSameTensors(Path expected, Path actual) {
        try (NDManager manager = NDManager.newBaseManager()) {
            LinkedHashMap<String, NDArray> a = SafetensorsReader.read(expected, manager);
            LinkedHashMap<String, NDArray> b = SafetensorsReader.read(actual, manager);
            assertEquals(new java.util.TreeSet<>(a.keySet()), new java.util.TreeSet<>(b.keySet()));
            a.forEach((name, tensor) -> {
                assertEquals(tensor.getShape(), b.get(name).getShape(), name);
                assertEquals(tensor.getDataType(), b.get(name).getDataType(), name);
                assertArrayEquals(bytes(tensor), bytes(b.get(name)), name);
            });
        }
    }

    static byte[] bytes(NDArray array) {
        java.nio.ByteBuffer buffer = array.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
