package dev.palo.activities.dataset;

import java.util.Comparator;

/**
 * One record on its way through the shuffle.
 *
 * @param shuffleKey seeded position, compared unsigned
 * @param digest     content digest (see {@link RecordDigest#content})
 * @param language   the record's language, for counting duplicates without parsing
 * @param json       the record's LLaVA JSON object
 */
record BucketEntry(long shuffleKey, String digest, String language, byte[] json) {
    /** Total order of the output; the digest breaks (astronomically rare) key ties. */
    static final Comparator<BucketEntry> ORDER = Comparator.comparing(BucketEntry::shuffleKey, Long::compareUnsigned)
            .thenComparing(BucketEntry::digest);
}
