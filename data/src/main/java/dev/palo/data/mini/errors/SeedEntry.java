package dev.palo.data.mini.errors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One line of {@code translation-seed/<code>.jsonl}: the English source, a translation with the listed errors
 * (what an un-tuned translator produces) and the gold translation (what human correction restores).
 */
@JsonPropertyOrder({"id", "lang", "source", "target", "gold", "errors"})
public record SeedEntry(String id, String lang, String source, String target, String gold, List<String> errors) {

    public SeedEntry {
        errors = List.copyOf(errors);
    }
}
