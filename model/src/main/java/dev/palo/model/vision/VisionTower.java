package dev.palo.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.FeatureLayerNorm;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLIP's vision transformer with LLaVA's feature selection. hidden_states[0] is the embedding
 * output after {@code pre_layrnorm}; hidden_states[i] the output of layer i. CLIP's
 * {@code post_layernorm} is left out: LLaVA never reads it.
 */
public final class VisionTower implements Module {
    private final VisionConfig config;
    private final VisionEmbeddings embeddings;
    private final FeatureLayerNorm preLayerNorm;
    private final List<VisionEncoderLayer> layers = new ArrayList<>();

    public VisionTower(ParameterFactory factory, VisionConfig config) {
        this.config = config;
        this.embeddings = new VisionEmbeddings(factory, config);
        this.preLayerNorm = new FeatureLayerNorm(factory, config.hiddenSize(), config.layerNormEps());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new VisionEncoderLayer(factory, config));
        }
    }

    /**
     * Image features as LLaVA's {@code feature_select}.
     *
     * @param images [B, C, S, S] float32, already normalised by the caller
     * @param selectLayer index into hidden_states, negative counts from the end (-2 = penultimate layer)
     * @return [B, patches, hidden] for {@code PATCH}, [B, 1 + patches, hidden] for {@code CLS_PATCH}
     */
    public NDArray features(
            ParameterStore ps, NDArray images, int selectLayer, FeatureSelection selection, boolean training) {
        int depth = hiddenStateIndex(selectLayer);
        NDArray hidden = preLayerNorm.forward(ps, embeddings.forward(ps, images, training), training);
        // layers after the selected hidden state cannot influence it, so they are not run
        for (int i = 0; i < depth; i++) {
            hidden = layers.get(i).forward(ps, hidden, training);
        }
        return selection == FeatureSelection.PATCH ? hidden.get(new NDIndex(":, 1:, :")) : hidden;
    }

    /** Number of tokens {@link #features} returns per image. */
    public int featureTokens(FeatureSelection selection) {
        return config.numPatches() + (selection == FeatureSelection.CLS_PATCH ? 1 : 0);
    }

    private int hiddenStateIndex(int selectLayer) {
        int count = config.numHiddenLayers() + 1;
        int index = selectLayer < 0 ? count + selectLayer : selectLayer;
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("mm_vision_select_layer " + selectLayer + " is out of range for "
                    + count + " hidden states (embeddings + " + config.numHiddenLayers() + " layers)");
        }
        return index;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        embeddings.collectParameters(prefix + "vision_model.embeddings.", into);
        preLayerNorm.collectParameters(prefix + "vision_model.pre_layrnorm.", into);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collectParameters(prefix + "vision_model.encoder.layers." + i + ".", into);
        }
    }
}
