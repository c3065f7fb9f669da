package dev.palo.model.lora;

import dev.palo.model.lm.CausalLm;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.ParameterFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The LoRA adapters attached to a language model, merged and unmerged together. */
public final class LoraLayers {
    private final Map<String, LoraAdapter> adapters;

    private LoraLayers(Map<String, LoraAdapter> adapters) {
        this.adapters = adapters;
    }

    /** Attaches an adapter to every adaptable linear of {@code lm} (all but lm_head). */
    public static LoraLayers attach(CausalLm lm, LoraConfig config, ParameterFactory factory) {
        Map<String, LoraAdapter> adapters = new LinkedHashMap<>();
        for (Map.Entry<String, Linear> entry : lm.adaptableLinears().entrySet()) {
            LoraAdapter adapter = new LoraAdapter(factory, entry.getValue(), config);
            entry.getValue().setAdapter(adapter);
            adapters.put(entry.getKey(), adapter);
        }
        return new LoraLayers(adapters);
    }

    /** Adapters by module name, e.g. {@code model.layers.0.self_attn.q_proj}. */
    public Map<String, LoraAdapter> adapters() {
        return Collections.unmodifiableMap(adapters);
    }

    public boolean isMerged() {
        return adapters.values().stream().anyMatch(LoraAdapter::isMerged);
    }

    public void merge() {
        adapters.values().forEach(LoraAdapter::merge);
    }

    public void unmerge() {
        adapters.values().forEach(LoraAdapter::unmerge);
    }
}
