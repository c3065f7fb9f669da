package dev.palo.model.preset;

import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.projector.Projectors;
import dev.palo.model.projector.SqueezeExcite;
import dev.palo.model.vision.VisionConfig;

/**
 * Parameter counts derived from a config alone, so the 7B/13B presets can be sized without
 * allocating them. Counts exactly what {@code PaloModel.create} instantiates.
 */
public record ParameterCount(long vision, long projector, long language, long lora) {

    public long total() {
        return vision + projector + language + lora;
    }

    public static ParameterCount of(PaloConfig config) {
        LmConfig lm = config.textConfig();
        long vision = 0;
        long projector = 0;
        if (config.isMultimodal()) {
            vision = vision(config.visionConfig());
            projector = projector(config.mmProjectorType(), config.visionConfig().hiddenSize(), lm.hiddenSize());
        }
        long lora = config.loraConfig() == null ? 0 : lora(lm, config.loraConfig());
        return new ParameterCount(vision, projector, language(lm), lora);
    }

    /** CLIP vision transformer without post_layernorm (LLaVA never uses it). */
    static long vision(VisionConfig v) {
        long h = v.hiddenSize();
        long embeddings = h * v.numChannels() * v.patchSize() * v.patchSize() + h + (v.numPatches() + 1L) * h;
        long layer = 4 * (h * h + h) + 2 * (2 * h) + linear(h, v.intermediateSize()) + linear(v.intermediateSize(), h);
        return embeddings + 2 * h + v.numHiddenLayers() * layer;
    }

    static long projector(String type, long mmHidden, long hidden) {
        long mlp2 = linear(mmHidden, hidden) + linear(hidden, hidden);
        switch (type) {
            case "linear":
                return linear(mmHidden, hidden);
            case "ldp":
                return mlp2 + 2 * invertedResidual(hidden);
            case "ldpv2":
                return mlp2 + 9 * hidden + hidden;
            default:
                return linear(mmHidden, hidden) + (Projectors.mlpDepth(type) - 1) * linear(hidden, hidden);
        }
    }

    static long language(LmConfig lm) {
        long h = lm.hiddenSize();
        long kv = (long) lm.numKeyValueHeads() * lm.headDim();
        long attention = 2 * h * h + 2 * h * kv;
        long mlp = 3 * h * lm.intermediateSize();
        long embeddings = (long) lm.vocabSize() * h;
        long head = lm.tieWordEmbeddings() ? 0 : embeddings;
        return embeddings + lm.numHiddenLayers() * (attention + mlp + 2 * h) + h + head;
    }

    /** r · (in + out) per adapted linear: q, k, v, o, gate, up, down of every layer. */
    static long lora(LmConfig lm, LoraConfig lora) {
        long h = lm.hiddenSize();
        long kv = (long) lm.numKeyValueHeads() * lm.headDim();
        long i = lm.intermediateSize();
        long perLayer = (h + h) + (h + kv) + (h + kv) + (h + h) + 2 * (h + i) + (i + h);
        return lm.numHiddenLayers() * lora.r() * perLayer;
    }

    /** Depthwise 3×3 + LN, squeeze-excite (two biased 1×1 convs), 1×1 projection + LN. */
    private static long invertedResidual(long c) {
        long squeezed = SqueezeExcite.squeezeChannels((int) c);
        return 9 * c + 2 * c + (c * squeezed + squeezed) + (squeezed * c + c) + c * c + 2 * c;
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }
}
