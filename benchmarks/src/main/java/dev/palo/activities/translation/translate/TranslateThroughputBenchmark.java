package dev.palo.activities.translation.translate;

import dev.palo.activities.llm.ChatEndpoint;
import dev.palo.activities.llm.OpenAiChatClient;
import dev.palo.activities.llm.RetryBudget;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Requests/s of the translate stage's path — {@link InOrderChunkCommitter} over chunks of records,
 * {@link RecordTranslator}, {@link ChatTextTranslator} on {@code concurrency} threads, the stage's
 * {@link OpenAiChatClient} and prompt — against a {@link FixedLatencyChatServer} whose capacity is
 * exactly {@code concurrency / latency}: the percentage of that capacity reached is what the client
 * costs. Rate limits are set far above capacity so they never pace. {@code window} is the number of
 * chunks in flight: the stage's {@link TranslateActivitiesImpl#CHUNKS_IN_FLIGHT}, or 1 for the old
 * chunk barrier. {@code clientConcurrency} is the stage's concurrency setting (default: the
 * endpoint's cap); set above the cap, requests wait at the endpoint for a free slot, so no slot
 * idles while an answer travels back and the next request travels out. Only the store writes of a
 * commit are left out.
 * {@code java -cp … dev.palo.activities.translation.translate.TranslateThroughputBenchmark
 * [latencyMs] [concurrency] [recordsPerRun] [chunkSize] [warmUps] [repeats] [window] [clientConcurrency]}.
 */
public final class TranslateThroughputBenchmark {
    private static final String[] WORDS = ("the a red blue green large small square circle left right top bottom "
            + "picture shows there is are two three next to above below what colour shape how many where object "
            + "describe image detail person street car dog table window").split(" ");
    /** Rate limits this many times the endpoint's capacity: present on the path, never the bottleneck. */
    private static final int LIMIT_HEADROOM = 100;
    /** The chunk size the README's figures used. */
    private static final int DEFAULT_CHUNK_SIZE = 100;
    /** As the stage's longest poll; nothing listens here. */
    private static final Duration HEARTBEAT_POLL = Duration.ofSeconds(10);

    private TranslateThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 50);
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int recordsPerRun = args.length > 2 ? Integer.parseInt(args[2]) : 32 * concurrency;
        int chunkSize = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_CHUNK_SIZE;
        int warmUps = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int repeats = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int window = args.length > 6 ? Integer.parseInt(args[6]) : TranslateActivitiesImpl.CHUNKS_IN_FLIGHT;
        int clientConcurrency = args.length > 7 ? Integer.parseInt(args[7]) : concurrency;
        double capacity = concurrency * 1e9 / latency.toNanos();
        List<LlavaRecord> records = records(recordsPerRun, new Random(14_818));
        long turnsPerRun = records.stream().mapToLong(r -> r.conversations().size()).sum();
        System.out.printf(Locale.ROOT, "latency %d ms, concurrency %d: capacity %.1f requests/s; %d records, "
                        + "%d turns per run, chunks of %d, %d in flight; client concurrency %d; %d processors%n",
                latency.toMillis(), concurrency, capacity, recordsPerRun, turnsPerRun, chunkSize, window,
                clientConcurrency, Runtime.getRuntime().availableProcessors());

        try (FixedLatencyChatServer server = new FixedLatencyChatServer(concurrency, latency)) {
            int perMinute = (int) Math.min(Integer.MAX_VALUE, (long) (capacity * 60 * LIMIT_HEADROOM));
            OpenAiChatClient client = new OpenAiChatClient(new ChatEndpoint(server.baseUrl(), "bench", null,
                    clientConcurrency, perMinute, Integer.MAX_VALUE, 1), Duration.ofMillis(100), Duration.ofSeconds(1));
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ChatTextTranslator.Chat chat = TranslationPrompt.through(client, "French");
            try (ChatTextTranslator texts = new ChatTextTranslator((text, retries) -> {
                long sent = System.nanoTime();
                String answer = chat.translate(text, retries);
                latencies.add(System.nanoTime() - sent);
                return answer;
            }, clientConcurrency, null, n -> RetryBudget.of(0))) {
                RecordTranslator translator = new RecordTranslator(texts, "fr");
                for (int run = 0; run < warmUps + repeats; run++) {
                    latencies.clear();
                    server.takeWaited();
                    long cpuBefore = processCpuNanos();
                    long begin = System.nanoTime();
                    translateInChunks(records, chunkSize, window, translator);
                    double seconds = (System.nanoTime() - begin) / 1e9;
                    double cpu = (processCpuNanos() - cpuBefore) / 1e9;
                    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                    double perSecond = sorted.length / seconds;
                    System.out.printf(Locale.ROOT, "%s: %d requests in %.2f s = %.1f requests/s = %.1f%% of capacity; "
                                    + "%.1f turns/s, %.1f records/s; client latency p50 %.1f ms, p99 %.1f ms, "
                                    + "max %.1f ms; %d queued at the server; process CPU %.2f s (%.0f µs/request)%n",
                            run < warmUps ? "warm-up " + (run + 1) : "run " + (run - warmUps + 1), sorted.length,
                            seconds, perSecond, 100 * perSecond / capacity, turnsPerRun / seconds,
                            records.size() / seconds, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                            sorted[sorted.length - 1] / 1e6, server.takeWaited(), cpu, 1e6 * cpu / sorted.length);
                }
            }
        }
    }

    /** As the stage: chunks overlap up to {@code window}, committed in order (here: checked, not stored). */
    private static void translateInChunks(List<LlavaRecord> records, int chunkSize, int window,
                                          RecordTranslator translator) throws IOException {
        new InOrderChunkCommitter<List<LlavaRecord>, List<LlavaRecord>>(window, HEARTBEAT_POLL, committed -> { })
                .run(0, RecordChunks.of(records.iterator(), chunkSize), translator::translate, (chunk, translated) -> {
                    for (LlavaRecord record : translated) {
                        if (Boolean.TRUE.equals(record.corrupt())) {
                            throw new IllegalStateException("an echoed translation came back corrupt: " + record.id());
                        }
                    }
                });
    }

    /** LLaVA-665K-like samples: 1-3 rounds, the first question after {@code <image>}. */
    private static List<LlavaRecord> records(int count, Random random) {
        List<LlavaRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Turn> turns = new ArrayList<>();
            int rounds = 1 + random.nextInt(3);
            for (int round = 0; round < rounds; round++) {
                String question = sentence(random, 6 + random.nextInt(8)) + "?";
                turns.add(Turn.human(round == 0 ? Turn.IMAGE_TOKEN + "\n" + question : question));
                turns.add(Turn.gpt(sentence(random, 40 / rounds + random.nextInt(20))));
            }
            String id = String.format(Locale.ROOT, "%012d", i);
            records.add(LlavaRecord.of(id, "coco/train2017/" + id + ".jpg", turns));
        }
        return records;
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
