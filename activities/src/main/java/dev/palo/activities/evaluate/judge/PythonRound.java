package dev.palo.activities.evaluate.judge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code round(x, n)} on a float: the exact binary value rounded half-to-even, so that
 * the reproduced LLaVA figures round where the reference script rounds.
 */
public final class PythonRound {
    private PythonRound() {
    }

    public static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }
}
