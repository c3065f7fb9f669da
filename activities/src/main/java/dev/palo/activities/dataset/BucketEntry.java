package dev.palo.activities.dataset;

import java.util.Comparator;

/**
 * One record on its way through the shuffle.
 *
 * @param shuffleKey seeded position, compared unsigned
 * @param digest     content digest (see {@link RecordDigest#content})
 * @param language   the record's language, for counting duplicates without parsing
 * @param source     the collection its image comes from ({@link ImageSource}), counted for the kept records
 * @param arrival    its place in the inputs ({@link #arrival(int, long)}): of records with one content, the earliest
 *                   stays, whichever thread bucketed it first
 * @param json       the record's LLaVA JSON object as {@code LlavaRecordJson.toBytes} wrote it: pass two copies
 *                   these bytes into the shard instead of parsing and serialising the record again
 */
record BucketEntry(long shuffleKey, String digest, String language, String source, long arrival, byte[] json) {
    /** Total order of the output; the digest breaks (astronomically rare) key ties. */
    static final Comparator<BucketEntry> ORDER = Comparator.comparing(BucketEntry::shuffleKey, Long::compareUnsigned)
            .thenComparing(BucketEntry::digest);
    /** Records per input that {@link #arrival(int, long)} keeps apart: 2^40, a trillion. */
    private static final int RECORD_BITS = 40;

    /** The {@code record}-th record (from 0) of the {@code input}-th input: input order, then file order. */
    static long arrival(int input, long record) {
        return (long) input << RECORD_BITS | record;
    }
}
