package dev.palo.activities.dataset;

import java.util.Map;

/**
 * What a build produced.
 *
 * @param languages counts per language code, sorted by code
 * @param sources   records kept per image source (see {@link ImageSource}), sorted by name
 * @param records   records in the dataset
 * @param shards    shard files, {@code part-00000.json} on
 */
record BuildCounts(Map<String, LanguageCounts> languages, Map<String, Long> sources, long records, int shards) {
    /** Records read from the inputs: kept, and left out as corrupt or duplicate. */
    long read() {
        return languages.values().stream().mapToLong(LanguageCounts::read).sum();
    }

    long corrupt() {
        return languages.values().stream().mapToLong(LanguageCounts::corrupt).sum();
    }

    long duplicates() {
        return languages.values().stream().mapToLong(LanguageCounts::duplicates).sum();
    }
}
