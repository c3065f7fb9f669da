package dev.palo.model.train;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which parameters a training stage updates, as data: the JSON resources in
 * {@code dev/palo/model/train/stages/}. The first matching group decides a parameter; a parameter no
 * group matches is frozen. The vision tower is frozen in every stage, whatever a policy says.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StagePolicy(@JsonProperty("name") String name, @JsonProperty("groups") List<ParameterGroupRule> groups) {

    public static final List<String> KNOWN = List.of("pretrain", "finetune-lora", "finetune-full");
    static final String VISION_PREFIX = "model.vision_tower.";

    public StagePolicy {
        groups = List.copyOf(groups);
    }

    public static StagePolicy load(String name) {
        if (!KNOWN.contains(name)) {
            throw new IllegalArgumentException("unknown stage policy '" + name + "'; known: " + KNOWN);
        }
        try (InputStream in = StagePolicy.class.getResourceAsStream("stages/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("stage policy resource missing for " + name);
            }
            return new ObjectMapper().readValue(in, StagePolicy.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stage policy " + name, e);
        }
    }

    /**
     * Splits the parameters into trainable groups and sets requiresGradient on every parameter:
     * true for the groups' members, false for everything else.
     */
    public List<ParameterGroup> apply(Map<String, Parameter> parameters) {
        Map<ParameterGroupRule, LinkedHashMap<String, Parameter>> members = new LinkedHashMap<>();
        groups.forEach(g -> members.put(g, new LinkedHashMap<>()));
        parameters.forEach((paramName, parameter) -> {
            ParameterGroupRule rule = groups.stream().filter(g -> g.matches(paramName)).findFirst().orElse(null);
            boolean trainable = rule != null && rule.trainable() && !paramName.startsWith(VISION_PREFIX);
            parameter.getArray().setRequiresGradient(trainable);
            if (trainable) {
                members.get(rule).put(paramName, parameter);
            }
        });
        List<ParameterGroup> result = new ArrayList<>();
        members.forEach((rule, params) -> {
            if (!params.isEmpty()) {
                result.add(new ParameterGroup(rule.name(), rule.lrScale(), rule.weightDecay(), params));
            }
        });
        if (result.isEmpty()) {
            throw new IllegalArgumentException("stage policy " + name + " leaves no trainable parameter in this model");
        }
        return result;
    }
}
