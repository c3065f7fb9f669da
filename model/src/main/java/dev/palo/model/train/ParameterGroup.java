package dev.palo.model.train;

import ai.djl.nn.Parameter;

import java.util.LinkedHashMap;

/** The trainable parameters a rule selected, with the group's optimizer settings. */
public record ParameterGroup(String name, double lrScale, double weightDecay, LinkedHashMap<String, Parameter> parameters) {
}
