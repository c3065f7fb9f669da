package dev.palo.model.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StagePolicyTest {

    @Test
    void unknownPolicyNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StagePolicy.load("finetune"));
        assertEquals("unknown stage policy 'finetune'; known: [pretrain, finetune-lora, finetune-full]", e.getMessage());
    }

    @Test
    void eachStageTrainsItsParametersAndFreezesTheRest() {
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = PaloModel.create(manager, TinyModels.config().withLora(new LoraConfig(4, 8, 0f)), 1)) {
            Map<String, Parameter> all = model.namedParameters();

            assertEquals(names(all, ModelCheckpoint::isProjectorTensor), trainable(StagePolicy.load("pretrain"), all));
            assertFrozenExactlyOutside(all, names(all, ModelCheckpoint::isProjectorTensor));

            Set<String> loraAndProjector = names(all, n -> ModelCheckpoint.isLoraTensor(n) || ModelCheckpoint.isProjectorTensor(n));
            assertEquals(loraAndProjector, trainable(StagePolicy.load("finetune-lora"), all));
            assertFrozenExactlyOutside(all, loraAndProjector);

            Set<String> full = names(all, n -> !n.startsWith("model.vision_tower."));
            assertEquals(full, trainable(StagePolicy.load("finetune-full"), all));
            assertTrue(full.contains("lm_head.weight") && full.contains("model.embed_tokens.weight"));
            assertFrozenExactlyOutside(all, full);
        }
    }

    @Test
    void visionStaysFrozenEvenIfAPolicyAsks() {
        StagePolicy greedy = new StagePolicy("greedy", List.of(new ParameterGroupRule("everything", List.of("."), true, 1, 0)));
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = PaloModel.create(manager, TinyModels.config(), 1)) {
            Map<String, Parameter> all = model.namedParameters();
            assertEquals(names(all, n -> !n.startsWith("model.vision_tower.")), trainable(greedy, all));
        }
    }

    private static Set<String> trainable(StagePolicy policy, Map<String, Parameter> all) {
        return policy.apply(all).stream().flatMap(g -> g.parameters().keySet().stream()).collect(Collectors.toSet());
    }

    private static Set<String> names(Map<String, Parameter> all, java.util.function.Predicate<String> filter) {
        return all.keySet().stream().filter(filter).collect(Collectors.toSet());
    }

    private static void assertFrozenExactlyOutside(Map<String, Parameter> all, Set<String> trainable) {
        all.forEach((name, p) -> {
            if (trainable.contains(name)) {
                assertTrue(p.getArray().hasGradient(), name + " should require gradients");
            } else {
                assertFalse(p.getArray().hasGradient(), name + " should be frozen");
            }
        });
    }
}
