package dev.palo.activities.dataset;

import dev.palo.data.llava.EncodedRecord;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.LlavaRecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Merges LLaVA JSON inputs into one shuffled, deduplicated, sharded dataset in bounded memory.
 *
 * <p>Shuffle: every record gets a 64-bit key, sha256(seed, content digest), and the output is
 * the records in key order: a seeded permutation that depends on nothing else (not on input
 * order, bucket count or machine), so the same inputs and seed give the same bytes. Sorting
 * millions of records is an external bucket sort: pass one streams the inputs once, one record
 * at a time, and appends each record to the temporary bucket file covering its key range
 * ({@link BucketFiles}) as its JSON bytes; pass two loads one bucket at a time, sorts it in memory
 * and copies those bytes into the shards (a record is parsed once and serialised once in a build). Buckets are sized from the input bytes ({@code bucketBytes} each on average,
 * keys being uniform), so the heap holds one bucket plus a write buffer per bucket file.
 *
 * <p>Deduplication is exact: the key derives from the content digest (language, image,
 * conversations), so identical records share a key and thus a bucket, where a set of the
 * bucket's digests keeps the first one read (the earliest in input order) and drops the rest.
 *
 * <p>Records flagged {@code corrupt} are left out in pass one and counted; every kept record is
 * labelled with its input's language. PALO's fields ({@code english_conversations} …) stay.
 */
final class DatasetBuilder {
    /** Average bucket size: one bucket's records, parsed, must fit the heap comfortably. */
    static final long DEFAULT_BUCKET_BYTES = 32L << 20;
    /** Bounds the write buffers (32 KB each) of pass one. */
    private static final int MAX_BUCKETS = 1024;
    private static final int PROGRESS_EVERY = 10_000;

    private final Path work;
    private final long bucketBytes;

    /** {@code work} holds the bucket files and the shard being written. */
    DatasetBuilder(Path work, long bucketBytes) {
        this.work = work;
        this.bucketBytes = bucketBytes;
    }

    BuildCounts build(List<BuildInput> inputs, long seed, int shardSize, ShardSink sink,
                      Consumer<BuildProgress> progress) throws IOException {
        Map<String, LanguageCounts> languages = new TreeMap<>();
        long totalBytes = inputs.stream().mapToLong(BuildInput::size).sum();
        int buckets = (int) Math.min(MAX_BUCKETS, Math.max(1, (totalBytes + bucketBytes - 1) / bucketBytes));
        // every input's artifact counts its records (0 when it does not): their sum is the reading phase's total
        Long toRead = inputs.stream().allMatch(input -> input.records() > 0)
                ? inputs.stream().mapToLong(BuildInput::records).sum() : null;
        BucketFiles files = new BucketFiles(work, buckets);
        try (files) {
            long read = 0;
            progress.accept(new BuildProgress(BuildProgress.BUCKETING, 0, toRead));
            for (BuildInput input : inputs) {
                languages.putIfAbsent(input.language(), LanguageCounts.NONE);
                try (InputStream in = input.source().open();
                     LlavaJsonReader reader = new LlavaJsonReader(in, input.name())) {
                    while (reader.hasNext()) {
                        bucket(reader.next(), input, seed, files, languages);
                        if (++read % PROGRESS_EVERY == 0) {
                            progress.accept(new BuildProgress(BuildProgress.BUCKETING, read, toRead));
                        }
                    }
                }
            }
        }
        return shard(files, shardSize, sink, languages, progress);
    }

    private static void bucket(LlavaRecord record, BuildInput input, long seed, BucketFiles files,
                               Map<String, LanguageCounts> languages) throws IOException {
        languages.merge(input.language(), LanguageCounts.READ, LanguageCounts::plus);
        if (Boolean.TRUE.equals(record.corrupt())) {
            languages.merge(input.language(), LanguageCounts.CORRUPT, LanguageCounts::plus);
            return;
        }
        if (record.language() != null && !record.language().equals(input.language())) {
            throw new LlavaFormatException(input.name() + ": record '" + record.id() + "' is labelled language '"
                    + record.language() + "' but the input is the '" + input.language() + "' set");
        }
        LlavaRecord labelled = new LlavaRecord(record.id(), record.image(), record.conversations(),
                record.englishConversations(), record.languageConversations(), record.corrupt(), input.language(),
                record.extra());
        EncodedRecord encoded = LlavaRecordJson.encode(labelled);
        String digest = RecordDigest.content(labelled, encoded);
        files.add(new BucketEntry(RecordDigest.shuffleKey(seed, digest), digest, input.language(),
                ImageSource.of(labelled.image()), encoded.json()));
    }

    private BuildCounts shard(BucketFiles files, int shardSize, ShardSink sink, Map<String, LanguageCounts> languages,
                              Consumer<BuildProgress> progress) throws IOException {
        Map<String, Long> sources = new TreeMap<>();
        long written = 0;
        long toWrite = files.entries();
        progress.accept(new BuildProgress(BuildProgress.SHARDING, 0, toWrite));
        try (ShardWriter shards = new ShardWriter(work, shardSize, sink)) {
            for (int b = 0; b < files.buckets(); b++) {
                List<BucketEntry> entries = files.readDistinct(b,
                        duplicate -> languages.merge(duplicate.language(), LanguageCounts.DUPLICATE, LanguageCounts::plus));
                entries.sort(BucketEntry.ORDER);
                for (BucketEntry entry : entries) {
                    shards.write(entry.json());
                    languages.merge(entry.language(), LanguageCounts.KEPT, LanguageCounts::plus);
                    sources.merge(entry.source(), 1L, Long::sum);
                    if (++written % PROGRESS_EVERY == 0) {
                        progress.accept(new BuildProgress(BuildProgress.SHARDING, written, toWrite));
                    }
                }
            }
            shards.finish();
            return new BuildCounts(languages, sources, written, shards.shards());
        }
    }
}
