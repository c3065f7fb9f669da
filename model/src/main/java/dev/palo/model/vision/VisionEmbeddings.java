package dev.palo.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.ParameterValues;
import java.util.Map;

/** CLIP's patch embedding (bias-free strided conv), learned CLS token and learned positions. */
final class VisionEmbeddings implements Module {
    private final VisionConfig config;
    private final Parameter classEmbedding;
    private final Parameter patchEmbedding;
    private final Parameter positionEmbedding;

    VisionEmbeddings(ParameterFactory factory, VisionConfig config) {
        this.config = config;
        int h = config.hiddenSize();
        int p = config.patchSize();
        this.classEmbedding = factory.normal("class_embedding", 0.02f, h);
        this.patchEmbedding = factory.normal("patch_embedding.weight", 0.02f, h, config.numChannels(), p, p);
        this.positionEmbedding = factory.normal("position_embedding.weight", 0.02f, config.numPatches() + 1, h);
    }

    /** images [B, C, S, S] → [B, 1 + patches, hidden]. */
    NDArray forward(ParameterStore ps, NDArray images, boolean training) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4
                || shape.get(1) != config.numChannels()
                || shape.get(2) != config.imageSize()
                || shape.get(3) != config.imageSize()) {
            throw new IllegalArgumentException("images must have shape [B, " + config.numChannels() + ", "
                    + config.imageSize() + ", " + config.imageSize() + "], got " + shape);
        }
        long b = shape.get(0);
        int h = config.hiddenSize();
        Shape stride = new Shape(config.patchSize(), config.patchSize());
        NDArray patches = Conv2d.conv2d(
                        images, ParameterValues.of(ps, patchEmbedding, images, training), null, stride)
                .head() // [B, H, g, g]
                .reshape(b, h, -1)
                .transpose(0, 2, 1);
        // zeros + cls keeps the result (and its gradient path) in the activation's manager
        NDArray cls = patches.getManager()
                .zeros(new Shape(b, 1, h), patches.getDataType())
                .add(ParameterValues.of(ps, classEmbedding, images, training));
        NDArray tokens = NDArrays.concat(new NDList(cls, patches), 1);
        return tokens.add(ParameterValues.of(ps, positionEmbedding, images, training));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + "class_embedding", classEmbedding);
        into.put(prefix + "patch_embedding.weight", patchEmbedding);
        into.put(prefix + "position_embedding.weight", positionEmbedding);
    }
}
