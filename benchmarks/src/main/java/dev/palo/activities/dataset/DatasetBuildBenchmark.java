package dev.palo.activities.dataset;

import dev.palo.activities.storage.Sha256;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.measure.JvmMemory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Records/s and peak heap of {@link DatasetBuilder} on the PALO mixture's size: 665K English
 * records (LLaVA-v1.5's mix) plus 150K translated records in each of 9 languages, 2.1M in all,
 * about 2% corrupt and 1% duplicated. Reads and writes local files (the object store is left
 * out: its speed is the network's); each shard is checksummed, as an upload would, then dropped.
 * Run with the heap the stage gets in production, e.g.
 * {@code java -Xmx512m -cp … dev.palo.activities.dataset.DatasetBuildBenchmark [english] [perLanguage] [warmUps] [repeats] [dir]
 * [threads]} ({@code threads}: how many inputs pass one reads at once, the machine's cores unless given; 1 is the
 * build before it read inputs in parallel).
 */
public final class DatasetBuildBenchmark {
    private static final String[] WORDS = ("the a red blue green large small square circle triangle left right top "
            + "bottom centre picture shows there is are two three next to above below what colour shape how many "
            + "where object describe image detail person street car dog table window").split(" ");
    /**
     * Each default target language's letters: a run of code points from its script's first letter, so the text has
     * the UTF-8 widths of that script.
     */
    private static final Map<String, Integer> SCRIPTS = scriptBases();
    static final int SHARD_SIZE = 50_000;

    private DatasetBuildBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int englishRecords = args.length > 0 ? Integer.parseInt(args[0]) : 665_000;
        int perLanguage = args.length > 1 ? Integer.parseInt(args[1]) : 150_000;
        int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("palo-dataset-bench");
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : Runtime.getRuntime().availableProcessors();
        long started = System.nanoTime();
        List<BuildInput> inputs = writeInputs(dir, englishRecords, perLanguage);
        long bytes = inputs.stream().mapToLong(BuildInput::size).sum();
        System.out.printf(Locale.ROOT, "generated %,d records in %d files, %,d bytes, in %.1f s; max heap %,d MB, "
                        + "%d processors%n", englishRecords + (long) perLanguage * SCRIPTS.size(), inputs.size(), bytes, (System.nanoTime() - started) / 1e9,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        for (int run = 0; run < warmUps + repeats; run++) {
            boolean warmUp = run < warmUps;
            Path work = Files.createDirectories(dir.resolve("work"));
            JvmMemory.resetPeaks();
            long gcBefore = JvmMemory.gcMillis();
            long cpuBefore = processCpuNanos();
            long begin = System.nanoTime();
            // warm-ups build the last language alone: enough for the JIT, a fraction of the time
            List<BuildInput> built = warmUp ? inputs.subList(inputs.size() - 1, inputs.size()) : inputs;
            BuildCounts counts = new DatasetBuilder(work, DatasetBuilder.DEFAULT_BUCKET_BYTES, threads)
                    .build(built, run, SHARD_SIZE, new ChecksummedShards(), progress -> { });
            double seconds = (System.nanoTime() - begin) / 1e9;
            long records = counts.languages().values().stream().mapToLong(LanguageCounts::read).sum();
            // CPU seconds of this JVM (the building threads, GC and JIT): on a shared machine wall time also measures
            // the neighbours
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d records in, %,d kept (%,d corrupt, %,d duplicates) in %,d shards: "
                            + "%.1f s = %,.0f records/s; process CPU %.1f s = %,.0f records per CPU-second; "
                            + "peak heap %,d MB; GC %,d ms; RSS %s%n",
                    (warmUp ? "warm-up " + (run + 1) : "run " + (run - warmUps + 1)) + ", " + threads + " thread(s)", records, counts.records(),
                    counts.corrupt(), counts.duplicates(), counts.shards(), seconds, records / seconds, cpuSeconds,
                    records / cpuSeconds, JvmMemory.peakHeapBytes() >> 20, JvmMemory.gcMillis() - gcBefore,
                    JvmMemory.rss());
            Files.delete(work);
        }
        for (BuildInput input : inputs) {
            Files.delete(Path.of(input.name()));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Checksums each shard as an upload would, then lets the builder delete it. */
    static final class ChecksummedShards implements ShardSink {
        @Override
        public boolean alreadyStored(String name) {
            return false;
        }

        @Override
        public void store(String name, Path file, long records) throws IOException {
            Sha256.of(file);
        }
    }

    /** The English file and one per default target language, in {@code dir}; {@link DatasetBuildRow} reads them too. */
    static List<BuildInput> writeInputs(Path dir, int englishRecords, int perLanguage) throws IOException {
        Random random = new Random(2_100_000);
        List<LlavaRecord> englishSample = new ArrayList<>();
        List<BuildInput> inputs = new ArrayList<>();
        Path english = dir.resolve("en.json");
        try (LlavaJsonWriter writer = LlavaJsonWriter.create(english)) {
            for (int i = 0; i < englishRecords; i++) {
                // one in a hundred repeats an earlier record under a new id
                LlavaRecord record = i % 100 == 99 ? copy(englishSample.get(random.nextInt(englishSample.size())), i)
                        : englishRecord(i, random);
                if (englishSample.size() < perLanguage) {
                    englishSample.add(record);
                }
                writer.write(record);
            }
        }
        inputs.add(input("en", english));
        for (String language : SCRIPTS.keySet().stream().sorted().toList()) {
            Path file = dir.resolve(language + ".json");
            try (LlavaJsonWriter writer = LlavaJsonWriter.create(file)) {
                for (int i = 0; i < perLanguage; i++) {
                    writer.write(translated(englishSample.get(i), language, random));
                }
            }
            inputs.add(input(language, file));
        }
        return inputs;
    }

    private static Map<String, Integer> scriptBases() {
        Map<String, Integer> bases = new TreeMap<>();
        for (String code : LanguageRegistry.palo().defaultTargets()) {
            Character.UnicodeScript script = LanguageRegistry.palo().get(code).scripts().get(0);
            bases.put(code, IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                    .filter(c -> Character.isLetter(c) && Character.UnicodeScript.of(c) == script).findFirst()
                    .orElseThrow());
        }
        return bases;
    }

    private static BuildInput input(String language, Path file) throws IOException {
        return new BuildInput(language, file.toString(), Files.size(file),
                () -> new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** LLaVA-665K-like: 1-3 rounds, four in five with an image from one of the mix's collections. */
    private static LlavaRecord englishRecord(int index, Random random) {
        String[] collections = {"coco/train2017", "gqa/images", "ocr_vqa/images", "textvqa/train_images", "vg/VG_100K"};
        boolean withImage = random.nextInt(5) > 0;
        List<Turn> turns = new ArrayList<>();
        int rounds = 1 + random.nextInt(3);
        for (int round = 0; round < rounds; round++) {
            String question = sentence(random, 6 + random.nextInt(8)) + "?";
            turns.add(Turn.human(round == 0 && withImage ? Turn.IMAGE_TOKEN + "\n" + question : question));
            turns.add(Turn.gpt(sentence(random, 40 / rounds + random.nextInt(20))));
        }
        String id = String.format(Locale.ROOT, "%012d", index);
        return LlavaRecord.of(id, withImage ? collections[random.nextInt(collections.length)] + "/" + id + ".jpg" : null,
                turns);
    }

    private static LlavaRecord copy(LlavaRecord record, int index) {
        return LlavaRecord.of(String.format(Locale.ROOT, "%012d", index), record.image(), record.conversations());
    }

    /** A post-edited translation: same shape, text in the language's script, one in fifty corrupt. */
    private static LlavaRecord translated(LlavaRecord english, String language, Random random) {
        int base = SCRIPTS.get(language);
        List<Turn> turns = english.conversations().stream().map(turn -> new Turn(turn.from(),
                (turn.value().startsWith(Turn.IMAGE_TOKEN) ? Turn.IMAGE_TOKEN + "\n" : "")
                        + script(turn.value(), base))).toList();
        return new LlavaRecord(english.id(), english.image(), turns, english.conversations(), Map.of(),
                random.nextInt(50) == 0, language, Map.of());
    }

    /** Maps each letter of the English text onto the script: deterministic, so duplicates stay duplicates. */
    private static String script(String text, int base) {
        StringBuilder out = new StringBuilder(text.length());
        text.replace(Turn.IMAGE_TOKEN + "\n", "").chars()
                .forEach(c -> out.appendCodePoint(Character.isLetter(c) ? base + (c % 26) : c));
        return out.toString();
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
