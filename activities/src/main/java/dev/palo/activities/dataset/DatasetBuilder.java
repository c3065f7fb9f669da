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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Merges LLaVA JSON inputs into one shuffled, deduplicated, sharded dataset in bounded memory.
 *
 * <p>Shuffle: every record gets a 64-bit key, sha256(seed, content digest), and the output is
 * the records in key order: a seeded permutation that depends on nothing else (not on input
 * order, bucket count or machine), so the same inputs and seed give the same bytes. Sorting
 * millions of records is an external bucket sort: pass one streams the inputs once, one record
 * at a time (several inputs at once, one per thread: parsing and encoding are most of a build's CPU),
 * and appends each record to the temporary bucket file covering its key range ({@link BucketFiles})
 * as its JSON bytes; pass two loads one bucket at a time, sorts it in memory and copies those bytes
 * into the shards (a record is parsed once and serialised once in a build). Buckets are sized from the input bytes ({@code bucketBytes} each on average,
 * keys being uniform), so the heap holds one bucket plus a write buffer per bucket file.
 *
 * <p>Deduplication is exact: the key derives from the content digest (language, image,
 * conversations), so identical records share a key and thus a bucket, where the bucket's digests
 * keep the earliest in input order (whichever thread read it) and drop the rest.
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
    private final int threads;

    /** Reads up to as many inputs at once as the machine has cores. */
    DatasetBuilder(Path work, long bucketBytes) {
        this(work, bucketBytes, Runtime.getRuntime().availableProcessors());
    }

    /** {@code work} holds the bucket files and the shard being written; pass one reads {@code threads} inputs at once. */
    DatasetBuilder(Path work, long bucketBytes, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a build needs at least one thread, got " + threads);
        }
        this.work = work;
        this.bucketBytes = bucketBytes;
        this.threads = threads;
    }

    BuildCounts build(List<BuildInput> inputs, long seed, int shardSize, ShardSink sink,
                      Consumer<BuildProgress> progress) throws IOException {
        Map<String, LanguageCounts> languages = new TreeMap<>();
        inputs.forEach(input -> languages.putIfAbsent(input.language(), LanguageCounts.NONE));
        long totalBytes = inputs.stream().mapToLong(BuildInput::size).sum();
        int buckets = (int) Math.min(MAX_BUCKETS, Math.max(1, (totalBytes + bucketBytes - 1) / bucketBytes));
        // every input's artifact counts its records (0 when it does not): their sum is the reading phase's total
        Long toRead = inputs.stream().allMatch(input -> input.records() > 0)
                ? inputs.stream().mapToLong(BuildInput::records).sum() : null;
        InputPool pool = new InputPool(Math.min(threads, inputs.size()));
        BucketFiles files = new BucketFiles(work, buckets, pool.lanes());
        try (files) {
            Consumer<BuildProgress> reported = oneAtATime(progress);
            reported.accept(new BuildProgress(BuildProgress.BUCKETING, 0, toRead));
            AtomicLong read = new AtomicLong();
            pool.run(inputs.size(), (i, lane) -> {
                LanguageCounts counts = bucketInput(inputs.get(i), i, seed, files, lane, () -> {
                    long done = read.incrementAndGet();
                    if (done % PROGRESS_EVERY == 0) {
                        reported.accept(new BuildProgress(BuildProgress.BUCKETING, done, toRead));
                    }
                });
                synchronized (languages) {
                    languages.merge(inputs.get(i).language(), counts, LanguageCounts::plus);
                }
            });
        }
        return shard(files, shardSize, sink, languages, progress);
    }

    /** Buckets the {@code index}-th input's records into {@code lane}'s files; returns how many it read and how many were corrupt. */
    private static LanguageCounts bucketInput(BuildInput input, int index, long seed, BucketFiles files, int lane,
                                              Runnable counted) throws IOException {
        long read = 0;
        long corrupt = 0;
        try (InputStream in = input.source().open();
             LlavaJsonReader reader = new LlavaJsonReader(in, input.name())) {
            while (reader.hasNext()) {
                InputPool.checkInterrupted();
                LlavaRecord record = reader.next();
                if (Boolean.TRUE.equals(record.corrupt())) {
                    corrupt++;
                } else {
                    bucket(record, input, BucketEntry.arrival(index, read), seed, files, lane);
                }
                read++;
                counted.run();
            }
        }
        return new LanguageCounts(read, corrupt, 0, 0);
    }

    private static void bucket(LlavaRecord record, BuildInput input, long arrival, long seed, BucketFiles files,
                               int lane) throws IOException {
        if (record.language() != null && !record.language().equals(input.language())) {
            throw new LlavaFormatException(input.name() + ": record '" + record.id() + "' is labelled language '"
                    + record.language() + "' but the input is the '" + input.language() + "' set");
        }
        LlavaRecord labelled = new LlavaRecord(record.id(), record.image(), record.conversations(),
                record.englishConversations(), record.languageConversations(), record.corrupt(), input.language(),
                record.extra());
        EncodedRecord encoded = LlavaRecordJson.encode(labelled);
        String digest = RecordDigest.content(labelled, encoded);
        files.add(lane, new BucketEntry(RecordDigest.shuffleKey(seed, digest), digest, input.language(),
                ImageSource.of(labelled.image()), arrival, encoded.json()));
    }

    /**
     * Reading progress from several threads, handed on one report at a time and never going back (a thread may report
     * a count after another thread reported a higher one).
     */
    private static Consumer<BuildProgress> oneAtATime(Consumer<BuildProgress> progress) {
        long[] last = {-1};
        return report -> {
            synchronized (last) {
                if (report.records() > last[0]) {
                    last[0] = report.records();
                    progress.accept(report);
                }
            }
        };
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
