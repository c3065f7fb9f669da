package dev.palo.workflows.translation.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import org.junit.jupiter.api.Test;

class LocalTuneTest {
    private static final ObjectMapper TEMPORAL_JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

    @Test
    void aRequestThatLeavesTheRecipeOutGetsTheTranslatorsTuningRecipeAndMayChangeOneField() throws Exception {
        LocalTune recipe = LocalTune.defaults();
        assertEquals(new LocalTune(16, 32, 0.05, 2e-3, 8, 16, 42, 20), recipe);
        assertEquals(recipe, TEMPORAL_JSON.readValue("{}", LocalTune.class));

        LocalTune fewerEpochs = TEMPORAL_JSON.readValue("{\"epochs\": 2}", LocalTune.class);
        assertEquals(2, fewerEpochs.epochs());
        assertEquals(recipe.rank(), fewerEpochs.rank());
    }
}
