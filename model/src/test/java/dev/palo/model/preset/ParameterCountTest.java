package dev.palo.model.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.palo.model.PaloConfig;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;
import org.junit.jupiter.api.Test;

class ParameterCountTest {

    /**
     * Published sizes are rounded to their last digit, so a count matches when it lies within half
     * a unit of that digit: 6.74B ± 0.005B, 13.0B ± 0.05B, 1.36B ± 0.005B; CLIP-L/14-336's vision
     * tower is quoted as 303–304M.
     */
    private static void assertRounded(double published, double halfUnit, long count, String what) {
        assertTrue(Math.abs(count - published) <= halfUnit,
                what + ": " + count + " is not within " + halfUnit + " of the published " + published);
    }

    @Test
    void largePresetsMatchPublishedSizes() {
        ParameterCount palo7b = ParameterCount.of(Presets.get("palo-7b"));
        ParameterCount palo13b = ParameterCount.of(Presets.get("palo-13b"));
        ParameterCount palo17b = ParameterCount.of(Presets.get("palo-1.7b"));
        assertRounded(6.74e9, 0.005e9, palo7b.language(), "Vicuna-7B");
        assertRounded(13.0e9, 0.05e9, palo13b.language(), "Vicuna-13B");
        assertRounded(1.36e9, 0.005e9, palo17b.language(), "MobileLLaMA-1.4B");
        assertTrue(palo7b.vision() >= 303e6 && palo7b.vision() <= 304e6, "CLIP ViT-L/14-336: " + palo7b.vision());
        // mlp2x_gelu 1024→4096→4096 and 1024→5120→5120, as LLaVA-1.5's projector
        assertEquals(1024L * 4096 + 4096 + 4096L * 4096 + 4096, palo7b.projector());
        assertEquals(1024L * 5120 + 5120 + 5120L * 5120 + 5120, palo13b.projector());
    }

    @Test
    void countEqualsInstantiatedMini() {
        PaloConfig mini = Presets.get("mini");
        PaloConfig withLora = mini.withLora(new LoraConfig(8, 16, 0.05f));
        try (NDManager manager = NDManager.newBaseManager()) {
            for (PaloConfig config : new PaloConfig[] {mini, withLora}) {
                try (PaloModel model = PaloModel.create(manager, config, 1)) {
                    long actual = model.namedParameters().values().stream()
                            .mapToLong(p -> p.getArray().size())
                            .sum();
                    assertEquals(actual, ParameterCount.of(config).total());
                }
            }
        }
    }

    @Test
    void everyProjectorCountEqualsInstantiated() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String projector : new String[] {"linear", "mlp2x_gelu", "mlp3x_gelu", "ldp", "ldpv2"}) {
                PaloConfig config = TinyConfigs.multimodal(projector);
                try (PaloModel model = PaloModel.create(manager, config, 1)) {
                    long actual = model.namedParameters().entrySet().stream()
                            .filter(e -> e.getKey().startsWith("model.mm_projector."))
                            .mapToLong(e -> e.getValue().getArray().size())
                            .sum();
                    assertEquals(actual, ParameterCount.of(config).projector(), projector);
                }
            }
        }
    }

    @Test
    void unknownPresetIsAnErrorListingKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("palo-70b"));
        assertTrue(e.getMessage().contains("palo-70b") && e.getMessage().contains("mini"), e.getMessage());
    }
}
