package dev.palo.services.triggers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.events.KafkaSettings;
import dev.palo.services.support.TriggerTopicsResource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Trigger events, recipes and plain Kafka clients for the trigger and event tests. */
final class TriggerFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final KafkaSettings KAFKA = KafkaSettings.fromEnvironment(System.getenv());

    private TriggerFixtures() {
    }

    /** Writes recipe {@code name}: a run body without source-specific fields. */
    static void recipe(String name, Map<String, Object> body) throws IOException {
        Files.write(TriggerTopicsResource.RECIPES.resolve(name + ".json"), JSON.writeValueAsBytes(body));
    }

    static String key() {
        return "it-" + UUID.randomUUID();
    }

    static byte[] event(Map<String, Object> fields) throws IOException {
        return JSON.writeValueAsBytes(fields);
    }

    /** Sends raw values to the trigger topic with a plain producer and waits for every acknowledgement. */
    static void send(String key, List<byte[]> values) throws Exception {
        Properties props = KAFKA.producer("trigger-it");
        props.put("max.request.size", Integer.toString(12 * 1024 * 1024));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (byte[] value : values) {
                sent.add(producer.send(new ProducerRecord<>(TriggerTopicsResource.TOPIC, key, value)));
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * How many records of {@code topic} the consumer group {@code group} has not committed yet, read from the broker
     * at {@code bootstrap} (a partition the group never committed counts in full).
     */
    static long groupLag(String bootstrap, String group, String topic) throws Exception {
        Properties props = new KafkaSettings(bootstrap, "unused", topic, topic + ".dlq").producer("trigger-it-lag");
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    /** Every record of {@code topic} from the beginning, read without a group until {@code quiet} passes with none. */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quiet) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumer(null, "trigger-it-reader"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastRecord = System.nanoTime();
            while (System.nanoTime() - lastRecord < quiet.toNanos()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    all.add(record);
                    lastRecord = System.nanoTime();
                }
            }
        }
        return all;
    }
}
