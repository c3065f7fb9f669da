package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** Reads a parameter's value for the device of the activation it will be combined with. */
public final class ParameterValues {
    private ParameterValues() {}

    public static NDArray of(ParameterStore ps, Parameter parameter, NDArray activation, boolean training) {
        return ps.getValue(parameter, activation.getDevice(), training);
    }
}
