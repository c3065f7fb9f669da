package dev.palo.activities.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * {@code ./palo events [--from-beginning] [--run RUN_ID] [--json]}: follows the events topic in a terminal, one line
 * per event (time, type, subject, the figures that matter), or the raw CloudEvents with {@code --json}. Reads without
 * a consumer group, so watching never moves anybody's offsets.
 */
public final class EventTailMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventTailMain() {
    }

    public static void main(String[] args) throws IOException {
        // the Kafka client's start-up INFO lines (its whole configuration) would bury the events in a terminal:
        // logback.xml keeps org.apache.kafka at WARN, on stderr
        boolean fromBeginning = false;
        boolean raw = false;
        String run = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from-beginning" -> fromBeginning = true;
                case "--json" -> raw = true;
                case "--run" -> run = i + 1 < args.length ? args[++i] : usage("--run needs a run id");
                case "-h", "--help" -> {
                    usage(null);
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        KafkaSettings settings = KafkaSettings.fromEnvironment(System.getenv());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AtomicBoolean stopping = new AtomicBoolean();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings.consumer(null, "palo-events-tail"))) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping.set(true);
                consumer.wakeup();
                try {
                    main.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            List<TopicPartition> partitions = partitions(consumer, settings.eventsTopic());
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            out.println("palo events: following " + settings.eventsTopic() + " at " + settings.bootstrap()
                    + (fromBeginning ? " from the beginning" : " from now") + (run == null ? "" : ", run " + run)
                    + " (Ctrl-C stops)");
            while (!stopping.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (run != null && !run.equals(record.key())) {
                        continue;
                    }
                    out.println(raw ? new String(record.value(), StandardCharsets.UTF_8) : line(record.value()));
                }
            }
        } catch (WakeupException e) {
            // Ctrl-C
        }
    }

    /** The topic's partitions, waiting for the topic: a fresh stack has none until the first run publishes. */
    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        while (true) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(10));
            List<PartitionInfo> infos = topics.get(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            System.err.println("palo events: topic " + topic + " does not exist yet; waiting for the first event");
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** One readable line: {@code 14:02:11  stage.completed     translate/ar  run-…  cache hit, samples=30}. */
    static String line(byte[] value) {
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (IOException e) {
            return "(not JSON: " + value.length + " bytes)";
        }
        String type = event.path("type").asText().replaceFirst("^dev\\.palo\\.", "");
        String time = event.path("time").asText();
        String clock = time.length() >= 19 ? time.substring(11, 19) : time;
        JsonNode data = event.path("data");
        StringBuilder line = new StringBuilder(String.format("%s  %-18s %-28s %s", clock, type,
                event.path("subject").asText(), data.path("runId").asText()));
        if (data.path("cacheHit").asBoolean(false)) {
            line.append("  cache hit");
        }
        appendField(line, data, "chrf");
        appendField(line, data, "reason");
        appendField(line, data, "verdict");
        appendField(line, data, "quarantined");
        if (data.has("trigger")) {
            line.append("  trigger=").append(data.path("trigger").path("kind").asText()).append(' ')
                    .append(data.path("trigger").path("eventId").asText());
        }
        data.path("table1").fields().forEachRemaining(entry -> line.append("  ")
                .append(entry.getKey().replaceFirst("^table1\\.", "")).append('=').append(entry.getValue().asText()));
        JsonNode metrics = data.path("metrics");
        for (String figure : List.of("records", "samples", "accepted", "pairs", "steps")) {
            if (metrics.has(figure)) {
                line.append("  ").append(figure).append('=').append(metrics.path(figure).asLong());
            }
        }
        return line.toString();
    }

    private static void appendField(StringBuilder line, JsonNode data, String field) {
        if (data.has(field)) {
            line.append("  ").append(field).append('=').append(data.path(field).asText());
        }
    }

    private static String usage(String problem) {
        PrintStream err = problem == null ? System.out : System.err;
        if (problem != null) {
            err.println("palo events: " + problem);
        }
        err.println("usage: ./palo events [--from-beginning] [--run RUN_ID] [--json]");
        if (problem != null) {
            System.exit(2);
        }
        return null;
    }
}
