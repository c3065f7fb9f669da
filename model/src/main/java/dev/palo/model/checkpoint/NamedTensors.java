package dev.palo.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Copies tensors into parameters by name, refusing any missing, unexpected or mis-shaped tensor. */
public final class NamedTensors {

    private NamedTensors() {
    }

    /** The parameters' arrays under the same names, ready for {@link SafetensorsWriter}. */
    public static LinkedHashMap<String, NDArray> arraysOf(Map<String, Parameter> parameters) {
        LinkedHashMap<String, NDArray> arrays = new LinkedHashMap<>();
        parameters.forEach((name, p) -> arrays.put(name, p.getArray()));
        return arrays;
    }

    /** Copies each tensor into the parameter of the same name; {@code source} names the file in errors. */
    public static void copyIntoParameters(Map<String, Parameter> parameters, Map<String, NDArray> tensors, String source) {
        copyInto(arraysOf(parameters), tensors, source);
    }

    /** As {@link #copyIntoParameters} for plain arrays (optimizer moments). */
    public static void copyInto(Map<String, NDArray> targets, Map<String, NDArray> tensors, String source) {
        TreeSet<String> missing = new TreeSet<>(targets.keySet());
        missing.removeAll(tensors.keySet());
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(targets.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(source + " does not match the model: missing tensors " + missing
                    + ", unexpected tensors " + unexpected);
        }
        targets.forEach((name, target) -> {
            NDArray tensor = tensors.get(name);
            if (!tensor.getShape().equals(target.getShape()) || tensor.getDataType() != target.getDataType()) {
                throw new IllegalArgumentException(source + ": tensor " + name + " is " + tensor.getDataType() + " "
                        + tensor.getShape() + " but the model expects " + target.getDataType() + " " + target.getShape());
            }
        });
        targets.forEach((name, target) -> target.set(tensors.get(name).toByteBuffer()));
    }
}
