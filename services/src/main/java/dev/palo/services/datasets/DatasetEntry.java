package dev.palo.services.datasets;

import java.util.List;

/**
 * One source in the store as the datasets page lists it.
 *
 * @param uri         its store URI
 * @param kind        {@code upload} (through {@code POST /api/datasets}) or {@code palo-mini}
 * @param size        bytes
 * @param records     records it holds, as counted when stored
 * @param validations the validate stage's reports on it, one per distinct setting (image prefix…)
 */
public record DatasetEntry(String uri, String kind, long size, long records, List<Validation> validations) {
    public DatasetEntry {
        validations = List.copyOf(validations);
    }

    /** The file name, the last segment of its URI. */
    public String name() {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }
}
