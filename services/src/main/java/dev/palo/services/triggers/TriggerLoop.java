package dev.palo.services.triggers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * At-least-once delivery with an exactly-once effect: each record is handled (its run started, or joined when a run
 * with its key exists) or dead-lettered, and only then is its offset committed. A consumer killed between the two
 * redelivers the record, whose start joins the run it already started. A handler failure that is not the event's
 * fault (Temporal or the store away) rewinds to that record and tries again after a pause, committing nothing past
 * it; a poison event goes to the dead-letter topic and the loop goes on.
 */
public final class TriggerLoop implements Runnable {
    /** Headers of a dead-lettered record. */
    public static final String REASON_HEADER = "palo.dlq.reason";
    public static final String DETAIL_HEADER = "palo.dlq.detail";
    public static final String ORIGIN_HEADER = "palo.dlq.origin";
    public static final String SIZE_HEADER = "palo.dlq.size";
    /** A dead-lettered value keeps at most this much of the original: enough to see what it was. */
    static final int DLQ_VALUE_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(TriggerLoop.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    /** What one trigger record does; a {@link PoisonEvent} dead-letters it, anything else is retried. */
    @FunctionalInterface
    public interface Handler {
        void handle(byte[] value, String topicPosition);
    }

    private final TriggerTopics topics;
    private final Handler handler;
    private final TriggerStats stats;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> deadLetters;
    private volatile boolean running = true;

    public TriggerLoop(TriggerTopics topics, Properties consumerProps, Properties producerProps, Handler handler,
                       TriggerStats stats) {
        this.topics = topics;
        this.handler = handler;
        this.stats = stats;
        this.consumer = new KafkaConsumer<>(consumerProps);
        this.deadLetters = new KafkaProducer<>(producerProps);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.triggers()));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                boolean rewound = false;
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!running || !handle(record)) {
                            consumer.seek(partition, record.offset());
                            rewound = true;
                            break;
                        }
                        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                commit(done);
                recordLag();
                if (rewound && running) {
                    sleep(RETRY_PAUSE);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** True once the record is dealt with for good (started, joined or dead-lettered); false to try it again. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        String position = record.topic() + "/" + record.partition() + "@" + record.offset();
        stats.received();
        try {
            if (record.value() == null || record.value().length > topics.maxEventBytes()) {
                throw new PoisonEvent(PoisonEvent.OVERSIZED, "event of " + (record.value() == null ? "no"
                        : record.value().length) + " bytes; at most " + topics.maxEventBytes() + " bytes are read");
            }
            handler.handle(record.value(), position);
            stats.accepted();
            return true;
        } catch (PoisonEvent poison) {
            return deadLetter(record, position, poison);
        } catch (RuntimeException e) {
            LOG.warnf("trigger %s not started yet, retrying: %s", position, e.toString());
            stats.retried(position + ": " + e);
            return false;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String position, PoisonEvent poison) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topics.deadLetters(), record.key(),
                value.length > DLQ_VALUE_BYTES ? Arrays.copyOf(value, DLQ_VALUE_BYTES) : value);
        letter.headers().add(REASON_HEADER, utf8(poison.reason()));
        letter.headers().add(DETAIL_HEADER, utf8(poison.getMessage()));
        letter.headers().add(ORIGIN_HEADER, utf8(position));
        letter.headers().add(SIZE_HEADER, utf8(Integer.toString(value.length)));
        try {
            deadLetters.send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("dead-lettering %s failed, retrying: %s", position, e.toString());
            stats.retried(position + ": dead-letter topic: " + e);
            return false;
        }
        LOG.infof("trigger %s dead-lettered: %s: %s", position, poison.reason(), poison.getMessage());
        stats.deadLettered(poison.reason());
        return true;
    }

    /** A failed commit (the broker away) is no loss: the records come again and their starts join their runs. */
    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done, Duration.ofSeconds(30));
        } catch (KafkaException e) {
            LOG.warnf("offsets %s not committed; those records will be delivered again: %s", done, e.toString());
            stats.retried("commit: " + e);
        }
    }

    private void recordLag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        stats.lag(lag);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
