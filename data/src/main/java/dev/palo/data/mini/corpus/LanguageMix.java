package dev.palo.data.mini.corpus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The share of each language in the base-LM corpus. The default follows the PALO paper's picture of LLaMA-2's
 * pretraining data: 89.7% English, about 2% spread over the high-resource languages (2% each here for zh, fr, es,
 * ru, ja), and a negligible 0.075% each for ar, hi, bn, ur.
 */
public record LanguageMix(Map<String, Double> shares) {

    private static final double TOLERANCE = 1e-6;

    public LanguageMix {
        shares = new LinkedHashMap<>(shares);
        double total = 0;
        for (Map.Entry<String, Double> share : shares.entrySet()) {
            if (share.getValue() < 0) {
                throw new IllegalArgumentException("language mix share for '" + share.getKey() + "' is negative");
            }
            total += share.getValue();
        }
        if (Math.abs(total - 1) > TOLERANCE) {
            throw new IllegalArgumentException("language mix shares must sum to 1, got " + total + " in " + shares);
        }
    }

    public static LanguageMix paperDefault() {
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("en", 0.897);
        List.of("zh", "fr", "es", "ru", "ja").forEach(code -> shares.put(code, 0.02));
        List.of("ar", "hi", "bn", "ur").forEach(code -> shares.put(code, 0.00075));
        return new LanguageMix(shares);
    }

    /** Parses {@code code=share,...}, e.g. {@code en=0.5,fr=0.5}; the shares must sum to 1. */
    public static LanguageMix parse(String spec) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] pair = part.trim().split("=");
            if (pair.length != 2) {
                throw new IllegalArgumentException("language mix entry '" + part + "' is not code=share");
            }
            try {
                shares.put(pair[0].trim(), Double.parseDouble(pair[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("language mix entry '" + part + "': '" + pair[1] + "' is not a number", e);
            }
        }
        return new LanguageMix(shares);
    }

    /** Exact line counts summing to {@code lines}: floor of each share, the rest to the largest remainders. */
    public Map<String, Integer> allocate(int lines) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> remainders = new LinkedHashMap<>();
        int given = 0;
        for (Map.Entry<String, Double> share : shares.entrySet()) {
            double exact = share.getValue() * lines;
            int floor = (int) Math.floor(exact);
            counts.put(share.getKey(), floor);
            remainders.put(share.getKey(), exact - floor);
            given += floor;
        }
        List<String> byRemainder = remainders.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
        for (int i = 0; i < lines - given; i++) {
            counts.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
        }
        return counts;
    }
}
