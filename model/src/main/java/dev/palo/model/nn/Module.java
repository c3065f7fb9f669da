package dev.palo.model.nn;

import ai.djl.nn.Parameter;
import java.util.Map;

/** A part of the network that owns parameters under stable, HF-style dotted names. */
public interface Module {
    /** Adds this module's parameters to {@code into}, each name prefixed with {@code prefix}. */
    void collectParameters(String prefix, Map<String, Parameter> into);
}
