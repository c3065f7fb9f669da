package dev.palo.model.train;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One group of a stage policy: parameters whose name matches any pattern (regex, found anywhere in
 * the name) are trainable or frozen, with a learning rate of {@code lr_scale} × the run's base rate.
 */
public record ParameterGroupRule(
        @JsonProperty("name") String name,
        @JsonProperty("patterns") List<String> patterns,
        @JsonProperty("trainable") boolean trainable,
        @JsonProperty("lr_scale") double lrScale,
        @JsonProperty("weight_decay") double weightDecay) {

    public ParameterGroupRule {
        if (name == null || patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("a parameter group needs a name and at least one pattern, got " + name);
        }
        if (!(lrScale >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("parameter group " + name + " needs lr_scale >= 0 and weight_decay >= 0");
        }
        patterns = List.copyOf(patterns);
    }

    boolean matches(String parameterName) {
        return patterns.stream().anyMatch(p -> Pattern.compile(p).matcher(parameterName).find());
    }
}
