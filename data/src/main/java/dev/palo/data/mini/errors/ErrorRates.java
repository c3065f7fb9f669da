package dev.palo.data.mini.errors;

import java.util.EnumMap;
import java.util.Map;

/**
 * The share of seed-corpus sentences of each language that get each error class, independently per class (a
 * sentence may carry several). A class a language cannot have (gender in Chinese) is skipped for it.
 */
public record ErrorRates(Map<ErrorClass, Double> rates) {

    public ErrorRates {
        rates = new EnumMap<>(rates);
        rates.forEach((errorClass, rate) -> {
            if (rate == null || rate < 0 || rate > 1) {
                throw new IllegalArgumentException("error rate for " + errorClass.code() + " must be 0 to 1, got " + rate);
            }
        });
    }

    /** The defaults: every class frequent enough to matter, none dominating. */
    public static ErrorRates defaults() {
        return new ErrorRates(Map.of(ErrorClass.UNTRANSLATED, 0.10, ErrorClass.PUNCTUATION, 0.15,
                ErrorClass.GENDER, 0.10, ErrorClass.NOUN_FOR_VERB, 0.05));
    }

    /** Parses {@code class=rate,...} over the defaults, e.g. {@code gender=0.2,punctuation=0}. */
    public static ErrorRates parse(String spec) {
        Map<ErrorClass, Double> rates = new EnumMap<>(defaults().rates());
        for (String part : spec.split(",")) {
            String[] pair = part.trim().split("=");
            if (pair.length != 2) {
                throw new IllegalArgumentException("error rate '" + part + "' is not class=rate");
            }
            try {
                rates.put(ErrorClass.of(pair[0].trim()), Double.parseDouble(pair[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("error rate '" + part + "': '" + pair[1] + "' is not a number", e);
            }
        }
        return new ErrorRates(rates);
    }

    public double rate(ErrorClass errorClass) {
        return rates.getOrDefault(errorClass, 0.0);
    }
}
