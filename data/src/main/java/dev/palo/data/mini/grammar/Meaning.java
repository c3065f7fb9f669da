package dev.palo.data.mini.grammar;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sentence's language-neutral content: an intent, its named slots, an optional list of slots (captions) and
 * an optional relation key. Rendering it through each grammar gives aligned translations.
 */
public record Meaning(Intent intent, Map<String, Slot> slots, List<Slot> list, String relation) {

    public Meaning {
        slots = Collections.unmodifiableMap(new TreeMap<>(slots));
        list = List.copyOf(list);
    }

    public static Meaning of(Intent intent, Map<String, Slot> slots) {
        return new Meaning(intent, slots, List.of(), null);
    }
}
