package dev.palo.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;

/**
 * Creates parameters with values drawn from a seeded Java RNG, so that initialisation is
 * identical on every engine and device for the same seed.
 */
public final class ParameterFactory {
    private final NDManager manager;
    private final SplittableRandom random;

    public ParameterFactory(NDManager manager, SplittableRandom random) {
        this.manager = manager;
        this.random = random;
    }

    /** Gaussian values with mean 0 (HF's {@code initializer_range} style). */
    public Parameter normal(String name, float std, long... shape) {
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return build(name, values, shape);
    }

    /** Uniform in [-bound, bound]: PyTorch's default kaiming-uniform(a=sqrt 5) has bound 1/sqrt(fanIn). */
    public Parameter uniform(String name, float bound, long... shape) {
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return build(name, values, shape);
    }

    public Parameter constant(String name, float value, long... shape) {
        float[] values = new float[(int) new Shape(shape).size()];
        java.util.Arrays.fill(values, value);
        return build(name, values, shape);
    }

    private Parameter build(String name, float[] values, long... shape) {
        Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        var array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        parameter.setArray(array);
        return parameter;
    }
}
