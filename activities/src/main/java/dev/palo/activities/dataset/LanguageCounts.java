package dev.palo.activities.dataset;

/**
 * What happened to one language's records.
 *
 * @param read       records in the input
 * @param corrupt    records flagged {@code corrupt}, left out
 * @param duplicates records whose content an earlier record of the same language already had, left out
 * @param kept       records in the dataset
 */
public record LanguageCounts(long read, long corrupt, long duplicates, long kept) {
    static final LanguageCounts NONE = new LanguageCounts(0, 0, 0, 0);
    static final LanguageCounts READ = new LanguageCounts(1, 0, 0, 0);
    static final LanguageCounts CORRUPT = new LanguageCounts(0, 1, 0, 0);
    static final LanguageCounts DUPLICATE = new LanguageCounts(0, 0, 1, 0);
    static final LanguageCounts KEPT = new LanguageCounts(0, 0, 0, 1);

    LanguageCounts plus(LanguageCounts other) {
        return new LanguageCounts(read + other.read, corrupt + other.corrupt, duplicates + other.duplicates,
                kept + other.kept);
    }
}
