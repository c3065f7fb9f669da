package dev.palo.services.triggers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * At-least-once delivery with an exactly-once effect: each record is handled (its run started, or joined when a run
 * with its key exists) or dead-lettered, and only then is its offset committed. A consumer killed between the two
 * redelivers the record, whose start joins the run it already started. A handler failure that is not the event's
 * fault (Temporal or the store away) rewinds to that record and tries again after a pause, committing nothing past
 * it; a poison event goes to the dead-letter topic and the loop goes on.
 *
 * <p>A commit that fails (a broker blip, a rebalance) loses nothing and doubles nothing: the handled offsets stay
 * pending and are committed with the next poll's, or when the partition is revoked; a partition this consumer no
 * longer owns is left to its new owner, which gets the records again from the last committed offset, and their starts
 * join the runs they already started (the run id comes from the idempotency key).
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
    /** Offsets handled but not yet committed; only the polling thread touches it (rebalance callbacks included). */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private volatile boolean running = true;

    public TriggerLoop(TriggerTopics topics, Properties consumerProps, Properties producerProps, Handler handler,
                       TriggerStats stats) {
        this(topics, new KafkaConsumer<>(consumerProps), new KafkaProducer<>(producerProps), handler, stats);
    }

    /** With the clients given: the unit tests' mock consumer whose commits fail on purpose. */
    TriggerLoop(TriggerTopics topics, Consumer<String, byte[]> consumer, Producer<String, byte[]> deadLetters,
                Handler handler, TriggerStats stats) {
        this.topics = topics;
        this.handler = handler;
        this.stats = stats;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.triggers()), new Handover());
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
            commitBeforeClose();
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

    /**
     * Commits what this poll handled together with what earlier failed commits left pending. A retriable failure (the
     * broker away, a timeout) keeps everything pending for the next try; any other (the group rebalanced: this
     * consumer's generation is gone) keeps only the partitions it still owns, since a new owner re-reads the others
     * from their committed offsets. Nothing is committed beyond what was handled.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        pending.putAll(done);
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(pending);
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(30));
            offsets.forEach(pending::remove);
        } catch (WakeupException e) {
            throw e;
        } catch (RetriableException e) {
            LOG.warnf("offsets %s not committed yet, retried with the next poll: %s", offsets, e.toString());
            stats.retried("commit: " + e);
        } catch (KafkaException e) {
            pending.keySet().retainAll(consumer.assignment());
            LOG.warnf("offsets %s not committed; still owned and retried: %s; the others' records are delivered again"
                    + " to their new owner and join their runs: %s", offsets, pending.keySet(), e.toString());
            stats.retried("commit: " + e);
        }
    }

    /** The last pending offsets; a wakeup left by {@link #stop()} interrupts the first try only. */
    private void commitBeforeClose() {
        for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
            try {
                commit(Map.of());
            } catch (WakeupException e) {
                // the wakeup is spent; the second try commits
            } catch (KafkaException e) {
                LOG.warnf("offsets %s not committed at close: %s", pending, e.toString());
                return;
            }
        }
    }

    /** Commits a partition's pending offsets before it goes to another consumer, which then starts after them. */
    private final class Handover implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>(pending);
            leaving.keySet().retainAll(partitions);
            if (!leaving.isEmpty()) {
                try {
                    consumer.commitSync(leaving, Duration.ofSeconds(30));
                } catch (KafkaException e) {
                    LOG.warnf("offsets %s not committed at handover; their records are delivered again to the new"
                            + " owner and join their runs: %s", leaving, e.toString());
                    stats.retried("commit at handover: " + e);
                }
            }
            pending.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another consumer owns them already: committing would fail, and it re-reads them anyway
            pending.keySet().removeAll(partitions);
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
