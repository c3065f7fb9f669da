package dev.palo.services.ui;

import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.List;

/** A start form's seed field: whole numbers separated by commas or spaces; blank leaves the study's defaults. */
final class SeedField {
    private SeedField() {
    }

    /** The seeds in the order typed; null for a blank field; a 400 naming the field for anything else. */
    static List<Long> parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Long> seeds = new ArrayList<>();
        for (String part : text.trim().split("[,\\s]+")) {
            try {
                seeds.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                throw new BadRequestException(field + " must be whole numbers separated by commas, got '"
                        + (part.length() > 40 ? part.substring(0, 40) + "…" : part) + "'");
            }
        }
        return seeds;
    }
}
