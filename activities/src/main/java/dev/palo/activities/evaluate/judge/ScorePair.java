package dev.palo.activities.evaluate.judge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A review's {@code tuple}: the score of the reference answer (assistant 1) and of the model's
 * answer (assistant 2). LLaVA records an unparseable judge answer as {@code (-1, -1)} and still
 * averages it in; {@link #UNPARSED} is that pair.
 */
public record ScorePair(double reference, double model) {
    public static final ScorePair UNPARSED = new ScorePair(-1, -1);

    public boolean unparsed() {
        return equals(UNPARSED);
    }

    @JsonValue
    List<Double> asList() {
        return List.of(reference, model);
    }

    @JsonCreator
    static ScorePair fromList(List<Double> tuple) {
        if (tuple == null || tuple.size() != 2) {
            throw new IllegalArgumentException("a review tuple holds two scores, got " + tuple);
        }
        return new ScorePair(tuple.get(0), tuple.get(1));
    }
}
