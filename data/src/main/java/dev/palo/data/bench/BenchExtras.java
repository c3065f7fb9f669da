package dev.palo.data.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Unknown fields of a bench line, sorted so that equal lines serialise to equal bytes. */
final class BenchExtras {

    private BenchExtras() {
    }

    static Map<String, JsonNode> sorted(Map<String, JsonNode> extra) {
        return extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(extra));
    }
}
