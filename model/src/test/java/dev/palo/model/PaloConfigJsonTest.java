package dev.palo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.preset.Presets;
import org.junit.jupiter.api.Test;

class PaloConfigJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void roundTripsWithSnakeCaseNames() throws Exception {
        PaloConfig config = Presets.get("palo-7b").withLora(new LoraConfig(128, 256, 0.05f));
        String json = mapper.writeValueAsString(config);
        JsonNode tree = mapper.readTree(json);
        assertEquals(4096, tree.at("/text_config/hidden_size").asInt());
        assertEquals(1024, tree.at("/vision_config/hidden_size").asInt());
        assertEquals("mlp2x_gelu", tree.at("/mm_projector_type").asText());
        assertEquals(-2, tree.at("/mm_vision_select_layer").asInt());
        assertEquals("patch", tree.at("/mm_vision_select_feature").asText());
        assertEquals(128, tree.at("/lora_config/r").asInt());
        assertEquals(config, mapper.readValue(json, PaloConfig.class));
    }

    @Test
    void textOnlyRoundTrips() throws Exception {
        PaloConfig config = PaloConfig.textOnly(Presets.get("mini").textConfig());
        assertEquals(config, mapper.readValue(mapper.writeValueAsString(config), PaloConfig.class));
    }

    @Test
    void badValuesAreNamed() {
        String json = "{\"text_config\":{\"vocab_size\":10,\"hidden_size\":30,\"intermediate_size\":8,"
                + "\"num_hidden_layers\":1,\"num_attention_heads\":4,\"num_key_value_heads\":4,"
                + "\"max_position_embeddings\":16,\"rope_theta\":10000,\"rms_norm_eps\":1e-5,"
                + "\"tie_word_embeddings\":false}}";
        Exception e = assertThrows(Exception.class, () -> mapper.readValue(json, PaloConfig.class));
        assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
    }
}
