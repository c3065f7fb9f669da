package dev.palo.data.validate;

import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.LlavaRecordJson;
import dev.palo.data.llava.Turn;

import dev.palo.data.measure.JvmMemory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Throughput and memory of streaming validation on a synthetic LLaVA-665K-sized file (~1 KB records, one in 500
 * deliberately bad). Run with a small heap to show memory does not grow with the file:
 * {@code java -Xmx256m -cp ... dev.palo.data.validate.ValidationBenchmark [records] [repeats] [dir]}.
 * Images are not checked (no image root): the figures are for the streaming, decoding and record checks.
 */
public final class ValidationBenchmark {

    private static final String[] WORDS = ("the a red blue green large small square circle triangle left right top bottom "
            + "centre picture shows there is are two three next to above below what colour shape how many where object "
            + "describe image detail person street car dog table window building tree sky cloud water").split(" ");
    private static final String[] TRANSLATIONS = {"chinese", "french", "spanish", "russian", "japanese", "arabic", "hindi",
            "bengali", "urdu"};

    private ValidationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 665_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("palo-validation-bench");
        Path input = dir.resolve("synthetic-llava.json");
        long generated = System.nanoTime();
        writeSyntheticFile(input, records, new Random(665));
        System.out.printf(Locale.ROOT, "generated %,d records, %,d bytes (%.0f bytes/record) in %.1f s%n", records,
                Files.size(input), (double) Files.size(input) / records, (System.nanoTime() - generated) / 1e9);
        System.out.printf(Locale.ROOT, "max heap %,d MB, %d processors%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        // an untimed first pass lets the JIT compile the hot loop before the timed runs
        for (int run = 0; run <= repeats; run++) {
            boolean warmUp = run == 0;
            JvmMemory.resetPeaks();
            long gcBefore = JvmMemory.gcMillis();
            long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long started = System.nanoTime();
            ValidationResult result = new LlavaValidator(new ValidationConfig(null, ValidationConfig.DEFAULT_MAX_RECORD_BYTES,
                    LanguageRegistry.palo())).validate(input, dir.resolve("accepted.json"), dir.resolve("quarantine.jsonl"),
                    ValidationListener.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            // CPU seconds of the validating thread: on a shared machine wall time also measures the neighbours
            double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d records (%,d accepted, %,d rejected) in %.2f s = %,.0f records/s, "
                            + "%.1f MB/s; thread CPU %.2f s = %,.0f records per CPU-second; peak heap %,d MB; GC %,d ms; "
                            + "RSS %s%n",
                    warmUp ? "warm-up" : "run " + run, result.records(), result.accepted(), result.rejectedTotal(), seconds,
                    result.records() / seconds, result.bytes() / 1e6 / seconds, cpuSeconds, result.records() / cpuSeconds,
                    JvmMemory.peakHeapBytes() >> 20, JvmMemory.gcMillis() - gcBefore, JvmMemory.rss());
            if (run == repeats) {
                result.rejected().forEach((reason, count) -> {
                    if (count > 0) {
                        System.out.printf(Locale.ROOT, "  %-24s %,d%n", reason.code(), count);
                    }
                });
            }
        }
        for (String name : List.of("synthetic-llava.json", "accepted.json", "quarantine.jsonl")) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /**
     * LLaVA-665K-like records: mostly image conversations of 1-3 rounds, some text-only, some PALO translations; one
     * in 500 spoiled. {@link ValidateRow} validates the same file.
     */
    static void writeSyntheticFile(Path file, int records, Random random) throws IOException {
        writeSyntheticFile(file, records, random, true);
    }

    /** The same records; with {@code spoiled} false, the one in 500 stay intact (a file any JSON parser reads whole). */
    static void writeSyntheticFile(Path file, int records, Random random, boolean spoiled) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write('[');
            for (int i = 0; i < records; i++) {
                if (i > 0) {
                    out.write(",\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(recordBytes(i, random, spoiled));
            }
            out.write("]\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static byte[] recordBytes(int index, Random random, boolean spoiled) throws IOException {
        boolean withImage = random.nextInt(10) < 8;
        List<Turn> turns = new ArrayList<>();
        int rounds = 1 + random.nextInt(3);
        for (int round = 0; round < rounds; round++) {
            String question = sentence(random, 8 + random.nextInt(10)) + "?";
            turns.add(Turn.human(round == 0 && withImage ? Turn.IMAGE_TOKEN + "\n" + question : question));
            turns.add(Turn.gpt(sentence(random, 70 / rounds + random.nextInt(30))));
        }
        String id = String.format(Locale.ROOT, "%012d", index);
        String image = withImage ? "coco/train2017/" + id + ".jpg" : null;
        LlavaRecord record = random.nextInt(10) == 0
                ? new LlavaRecord(id, image, turns, turns, Map.of(TRANSLATIONS[random.nextInt(TRANSLATIONS.length)], turns),
                false, null, Map.of())
                : LlavaRecord.of(id, image, turns);
        byte[] json = LlavaRecordJson.toBytes(record);
        if (spoiled && index % 500 == 499) {
            json = spoil(json, index / 500 % 3);
        }
        return json;
    }

    /** Three kinds of bad record: malformed UTF-8, {@code <image>} in a gpt turn, and roles out of order. */
    private static byte[] spoil(byte[] json, int kind) {
        String text = new String(json, StandardCharsets.UTF_8);
        return switch (kind) {
            case 0 -> {
                byte[] spoiled = json.clone();
                spoiled[text.lastIndexOf("\"value\":\"") + 10] = (byte) 0xC0;
                yield spoiled;
            }
            case 1 -> text.replaceFirst("\"from\":\"gpt\",\"value\":\"", "\"from\":\"gpt\",\"value\":\"<image> ")
                    .getBytes(StandardCharsets.UTF_8);
            default -> text.replaceFirst("\"from\":\"human\"", "\"from\":\"gpt\"").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
