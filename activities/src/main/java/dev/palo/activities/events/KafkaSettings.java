package dev.palo.activities.events;

import java.util.Map;
import java.util.Properties;

/**
 * Where the platform's Kafka is and what its topics are called, from the same environment as every other client:
 * {@code PALO_KAFKA_BOOTSTRAP}, {@code PALO_EVENTS_TOPIC}, {@code PALO_TRIGGERS_TOPIC}, {@code PALO_TRIGGERS_DLQ_TOPIC}.
 */
public record KafkaSettings(String bootstrap, String eventsTopic, String triggersTopic, String deadLetterTopic) {
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_EVENTS_TOPIC = "palo.events";
    public static final String DEFAULT_TRIGGERS_TOPIC = "palo.triggers";

    public static KafkaSettings fromEnvironment(Map<String, String> env) {
        String triggers = env.getOrDefault("PALO_TRIGGERS_TOPIC", DEFAULT_TRIGGERS_TOPIC);
        return new KafkaSettings(env.getOrDefault("PALO_KAFKA_BOOTSTRAP", DEFAULT_BOOTSTRAP),
                env.getOrDefault("PALO_EVENTS_TOPIC", DEFAULT_EVENTS_TOPIC), triggers,
                env.getOrDefault("PALO_TRIGGERS_DLQ_TOPIC", triggers + ".dlq"));
    }

    /**
     * An idempotent producer: the broker drops a batch the producer re-sent after a lost acknowledgement, so a
     * network retry never duplicates a record; {@code acks=all} is what idempotence requires. A send gives up after
     * 20 s, inside the publish activity's 30 s, and the activity's retry takes over.
     */
    public Properties producer(String clientId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("client.id", clientId);
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("delivery.timeout.ms", "20000");
        props.put("request.timeout.ms", "10000");
        props.put("max.block.ms", "10000");
        props.put("linger.ms", "0");
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return props;
    }

    /** A consumer of byte values with manual commits; {@code groupId} null reads without a group (a tail). */
    public Properties consumer(String groupId, String clientId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("client.id", clientId);
        if (groupId != null) {
            props.put("group.id", groupId);
        }
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return props;
    }
}
