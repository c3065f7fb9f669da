package dev.palo.data.mini.grammar;

import java.util.List;

/** How a language joins a list of phrases: a separator between items and another before the last. */
public record ListJoin(String separator, String last) {

    public String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(separator, items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }
}
