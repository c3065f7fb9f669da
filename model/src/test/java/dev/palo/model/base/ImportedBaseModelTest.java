package dev.palo.model.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportedBaseModelTest {
    @TempDir
    Path dir;

    PaloConfig config;

    /** A tiny real bundle: the files an import reads, written as a foreign trainer would lay them out. */
    @BeforeEach
    void writeBundle() {
        BpeTrainer.Result bpe = new BpeTrainer(300).train(TinyBaseData.corpus(20, 3));
        LlamaTokenizerJson.write(bpe, dir.resolve(BaseModelTraining.TOKENIZER));
        config = TinyBaseData.ARCHITECTURE.withVocabSize(bpe.vocab().size());
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = PaloModel.create(manager, config, 1)) {
            ModelCheckpoint.saveModel(model, dir);
        }
    }

    @Test
    void aCompleteBundleValidatesToItsConfig() {
        assertEquals(config, ImportedBaseModel.validate(dir));
    }

    @Test
    void aConfigThatPromisesMoreLayersThanTheWeightsHoldIsRejectedNamingTheMissingLayer() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(dir.resolve(ModelCheckpoint.CONFIG).toFile());
        ((ObjectNode) root.get("text_config")).put("num_hidden_layers", config.textConfig().numHiddenLayers() + 1);
        json.writeValue(dir.resolve(ModelCheckpoint.CONFIG).toFile(), root);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImportedBaseModel.validate(dir));
        assertTrue(e.getMessage().contains("no tensor under model.layers." + config.textConfig().numHiddenLayers() + "."),
                e.getMessage());
    }

    @Test
    void aMissingTokenizerIsNamed() throws Exception {
        Files.delete(dir.resolve(BaseModelTraining.TOKENIZER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImportedBaseModel.validate(dir));
        assertTrue(e.getMessage().contains("no tokenizer.json"), e.getMessage());
    }

    @Test
    void aTextOnlyModelIsNotABaseModel() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, PaloConfig.textOnly(config.textConfig()), 1)) {
            ModelCheckpoint.saveModel(model, dir);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImportedBaseModel.validate(dir));
        assertTrue(e.getMessage().contains("no vision_config"), e.getMessage());
    }
}
