package dev.palo.services.triggers;

import dev.palo.activities.events.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * A source of trigger events that keeps going through a broker outage the way a careful producer does: one start-only
 * event at a time, keys round-robin, each sent again until the broker acknowledges it. Short client timeouts, so that
 * a send against a stopped broker fails in seconds and is tried again, rather than blocking for minutes.
 */
final class RetryingProducer implements Runnable {
    /** Between two events, so that the flow spans the broker's stop and restart. */
    private static final long GAP_MS = 50;
    private static final long RETRY_PAUSE_MS = 500;
    static final int EVENTS = 150;

    private final Properties props;
    private final String topic;
    private final List<String> keys;
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean running = true;

    RetryingProducer(KafkaSettings kafka, String topic, List<String> keys) {
        this.props = kafka.producer("restart-it-producer");
        props.put("max.block.ms", "3000");
        props.put("request.timeout.ms", "3000");
        props.put("delivery.timeout.ms", "6000");
        this.topic = topic;
        this.keys = keys;
    }

    @Override
    public void run() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < EVENTS && running; i++) {
                String key = keys.get(i % keys.size());
                byte[] value = StartOnlyStarts.event(key, Map.of("n", i));
                while (running && !sent(producer, new ProducerRecord<>(topic, key, value))) {
                    failures.incrementAndGet();
                    sleep(RETRY_PAUSE_MS);
                }
                sleep(GAP_MS);
            }
        }
    }

    private boolean sent(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
            acked.incrementAndGet();
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    int acked() {
        return acked.get();
    }

    int failures() {
        return failures.get();
    }

    boolean done() {
        return acked.get() == EVENTS;
    }

    void stop() {
        running = false;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
