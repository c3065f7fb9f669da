package dev.palo.activities.evaluate.judge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The judge's instructions per bench category, kept as data ({@code llava-bench-rules.json}, the
 * {@code llava_bench_*} entries of LLaVA's {@code rule.json}).
 */
public final class JudgeRules {
    private static final String RESOURCE = "llava-bench-rules.json";
    private static final String PREFIX = "llava_bench_";

    private final Map<String, JudgeRule> rules;

    private JudgeRules(Map<String, JudgeRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static JudgeRules llavaBench() {
        try (InputStream in = JudgeRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new JudgeRules(new ObjectMapper().readValue(in, new TypeReference<Map<String, JudgeRule>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The review category of a bench category, e.g. {@code conv} → {@code llava_bench_conv}. */
    public static String reviewCategory(String benchCategory) {
        return PREFIX + benchCategory;
    }

    /** The rule for a bench category; LLaVA stops on an unknown category, so this fails too. */
    public JudgeRule forCategory(String benchCategory) {
        JudgeRule rule = rules.get(reviewCategory(benchCategory));
        if (rule == null) {
            throw new IllegalArgumentException("bench category '" + benchCategory + "' has no judge rule; known: "
                    + rules.keySet());
        }
        return rule;
    }
}
