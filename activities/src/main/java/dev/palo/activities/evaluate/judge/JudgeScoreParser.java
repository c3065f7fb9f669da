package dev.palo.activities.evaluate.judge;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * LLaVA's {@code parse_score}: the first line, commas turned into spaces, split on single spaces;
 * exactly two parts that Python's {@code float()} accepts give the pair, anything else
 * {@link ScorePair#UNPARSED}. Splitting on single spaces is kept as is: "8, 9" becomes three parts
 * and is a failure there, so it is one here.
 */
public final class JudgeScoreParser {
    /** What Python's float() reads: decimal with optional single underscores between digits, inf, nan. */
    private static final Pattern PYTHON_FLOAT = Pattern.compile(
            "[+-]?((\\d(_?\\d)*)(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");
    private static final Pattern PYTHON_SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)");

    private JudgeScoreParser() {
    }

    public static ScorePair parse(String review) {
        String firstLine = review.split("\n", -1)[0].replace(',', ' ');
        String[] parts = firstLine.split(" ", -1);
        if (parts.length != 2) {
            return ScorePair.UNPARSED;
        }
        Double reference = pythonFloat(parts[0]);
        Double model = pythonFloat(parts[1]);
        return reference == null || model == null ? ScorePair.UNPARSED : new ScorePair(reference, model);
    }

    /** The value Python's float() gives, or null where it raises ValueError. */
    static Double pythonFloat(String text) {
        String stripped = text.strip();
        if (PYTHON_FLOAT.matcher(stripped).matches()) {
            return Double.parseDouble(stripped.replace("_", ""));
        }
        String lower = stripped.toLowerCase(Locale.ROOT);
        if (PYTHON_SPECIAL.matcher(lower).matches()) {
            double sign = lower.startsWith("-") ? -1 : 1;
            return lower.contains("nan") ? Double.NaN : sign * Double.POSITIVE_INFINITY;
        }
        return null;
    }
}
