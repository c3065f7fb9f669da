package dev.palo.data.mini.grammar;

import java.util.Map;

/** A lexicon noun: its gender (null where the language has none) and its forms by name. */
public record Noun(String gender, Map<String, String> forms) {

    public Noun {
        forms = Map.copyOf(forms);
    }
}
