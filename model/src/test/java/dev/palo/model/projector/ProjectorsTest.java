package dev.palo.model.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.ParameterFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProjectorsTest {
    private static final int MM_HIDDEN = 12;
    private static final int HIDDEN = 16;

    private static Shape project(String type, int tokens) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Projector projector = Projectors.create(
                    new ParameterFactory(manager, new SplittableRandom(3)), type, MM_HIDDEN, HIDDEN);
            NDArray features = manager.randomNormal(new Shape(2, tokens, MM_HIDDEN));
            Shape out = projector.forward(new ParameterStore(manager, false), features, false).getShape();
            assertEquals(projector.outputTokens(tokens), out.get(1), type + " outputTokens");
            return out;
        }
    }

    @Test
    void tokenPreservingProjectorsMapWidth() {
        assertEquals(new Shape(2, 36, HIDDEN), project("linear", 36));
        assertEquals(new Shape(2, 37, HIDDEN), project("mlp2x_gelu", 37));
        assertEquals(new Shape(2, 36, HIDDEN), project("mlp3x_gelu", 36));
    }

    @Test
    void ldpAndLdpV2KeepAQuarterOfTheTokens() {
        assertEquals(new Shape(2, 36 / 4, HIDDEN), project("ldp", 36));
        assertEquals(new Shape(2, 64 / 4, HIDDEN), project("ldpv2", 64));
        // the stride-2 conv pads, so an odd grid rounds up: 5×5 → 3×3
        assertEquals(new Shape(2, 9, HIDDEN), project("ldp", 25));
    }

    @Test
    void ldpNeedsASquareGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> project("ldp", 37));
        assertTrue(e.getMessage().contains("37"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> project("ldpv2", 25));
    }

    @Test
    void unknownNameIsAnErrorListingKnownOnes() {
        for (String bad : new String[] {"mlp2x_relu", "qformer", "mlp0x_gelu", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> project(bad, 36));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("ldpv2"), e.getMessage());
        }
    }

    @Test
    void parameterNamesFollowTheReferenceModules() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterFactory factory = new ParameterFactory(manager, new SplittableRandom(3));
            Map<String, Parameter> mlp = names(Projectors.create(factory, "mlp2x_gelu", MM_HIDDEN, HIDDEN));
            assertEquals(java.util.List.of("0.weight", "0.bias", "2.weight", "2.bias"), java.util.List.copyOf(mlp.keySet()));
            assertEquals(new Shape(HIDDEN, MM_HIDDEN), mlp.get("0.weight").getArray().getShape());

            Map<String, Parameter> ldp = names(Projectors.create(factory, "ldp", MM_HIDDEN, HIDDEN));
            assertTrue(ldp.containsKey("model.mlp.1.weight") && ldp.containsKey("model.mlp.3.weight"), ldp.keySet().toString());
            assertEquals(new Shape(HIDDEN, 1, 3, 3), ldp.get("model.mb_block.1.block.0.0.weight").getArray().getShape());
            assertTrue(ldp.containsKey("model.mb_block.2.block.1.fc1.bias"), ldp.keySet().toString());
            assertTrue(ldp.containsKey("model.mb_block.2.block.2.1.weight"), ldp.keySet().toString());

            Map<String, Parameter> ldpv2 = names(Projectors.create(factory, "ldpv2", MM_HIDDEN, HIDDEN));
            assertEquals(java.util.List.of("mlp.mlp.0.weight", "mlp.mlp.0.bias", "mlp.mlp.2.weight", "mlp.mlp.2.bias",
                    "peg.peg.0.weight", "peg.peg.0.bias"), java.util.List.copyOf(ldpv2.keySet()));
        }
    }

    private static Map<String, Parameter> names(Projector projector) {
        Map<String, Parameter> names = new LinkedHashMap<>();
        projector.collectParameters("", names);
        return names;
    }
}
