package dev.palo.activities.events;

import dev.palo.activities.tracking.Tracker;
import dev.palo.workflows.events.EventActivities;
import dev.palo.workflows.events.PaloEvent;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes pipeline events to the events topic, keyed by run id (one partition per run, so a run's events keep
 * their order). One producer per worker process, created on the first publish, so a worker starts even while the
 * broker is down; a failed send fails the attempt and Temporal retries it with the same event id.
 */
public class EventActivitiesImpl implements EventActivities, AutoCloseable {
    /** Header naming the event type, so a consumer can filter without parsing the value. */
    public static final String TYPE_HEADER = "ce_type";
    private static final long SEND_TIMEOUT_SECONDS = 25;

    private final KafkaSettings settings;
    private final Tracker tracker;
    private Producer<String, byte[]> producer;

    public EventActivitiesImpl(KafkaSettings settings, Tracker tracker) {
        this.settings = settings;
        this.tracker = tracker;
    }

    @Override
    public void publish(PaloEvent event) {
        publishAll(List.of(event));
    }

    /** Sends every event before waiting for any acknowledgement; the idempotent producer keeps their order. */
    @Override
    public void publishAll(List<PaloEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (PaloEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.eventsTopic(), event.runId(),
                    CloudEvents.structured(event));
            record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            record.headers().add(TYPE_HEADER, event.type().getBytes(StandardCharsets.UTF_8));
            sent.add(producer().send(record));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SEND_TIMEOUT_SECONDS);
        try {
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        } catch (ExecutionException e) {
            throw Activity.wrap(e.getCause());
        } catch (TimeoutException e) {
            throw Activity.wrap(e);
        }
    }

    @Override
    public void tagTrackingRun(String trackingRunId, Map<String, String> tags) {
        try {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                tracker.setTag(trackingRunId, tag.getKey(), tag.getValue());
            }
        } catch (IOException e) {
            throw Activity.wrap(e);
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings.producer("palo-events-" + ProcessHandle.current().pid()));
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
