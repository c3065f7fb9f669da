package dev.palo.model.projector;

import dev.palo.model.nn.ParameterFactory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds a projector from its config string, as LLaVA's {@code build_vision_projector}. */
public final class Projectors {
    /** The accepted names; {@code mlp<N>x_gelu} takes a depth N from 1 to 99. */
    public static final List<String> KNOWN = List.of("linear", "mlp<N>x_gelu", "ldp", "ldpv2");

    private static final Pattern MLP_GELU = Pattern.compile("^mlp([1-9][0-9]?)x_gelu$");

    private Projectors() {}

    public static Projector create(ParameterFactory factory, String type, int mmHidden, int hidden) {
        if (type == null) {
            throw new IllegalArgumentException("mm_projector_type is missing; known: " + KNOWN);
        }
        switch (type) {
            case "linear":
                return new LinearProjector(factory, mmHidden, hidden);
            case "ldp":
                return new LdpProjector(factory, mmHidden, hidden);
            case "ldpv2":
                return new LdpV2Projector(factory, mmHidden, hidden);
            default:
                return new MlpGeluProjector(factory, mmHidden, hidden, mlpDepth(type));
        }
    }

    /** N of {@code mlp<N>x_gelu}; any other name is an error listing the known ones. */
    public static int mlpDepth(String type) {
        Matcher m = MLP_GELU.matcher(type);
        if (!m.matches()) {
            throw new IllegalArgumentException("Unknown mm_projector_type '" + type + "'; known: " + KNOWN);
        }
        return Integer.parseInt(m.group(1));
    }
}
