package dev.palo.activities.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * A review's closing time, {@code runs/<run>/review/<lang>/window.json}: written by the review stage at the review's
 * first opening, read back by its later attempts and by the dashboard's countdown.
 */
final class ReviewWindow {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOSES_AT = "closesAtMillis";

    private ReviewWindow() {
    }

    /** Epoch milliseconds the review closes at; empty before it opened. */
    static Optional<Long> read(ObjectStore store, String runId, String language) throws IOException {
        Optional<ArtifactRef> window = store.stat(ReviewKeys.window(runId, language));
        if (window.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = store.open(window.get())) {
            JsonNode millis = JSON.readTree(in).path(CLOSES_AT);
            return millis.canConvertToLong() ? Optional.of(millis.asLong()) : Optional.empty();
        }
    }

    static void write(ObjectStore store, String runId, String language, long closesAtMillis) throws IOException {
        store.put(ReviewKeys.window(runId, language), JSON.writeValueAsBytes(Map.of(CLOSES_AT, closesAtMillis)),
                "application/json", 0);
    }
}
