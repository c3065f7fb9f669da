package dev.palo.services.triggers;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The trigger topic, its dead-letter topic and the largest event read. The trigger topic accepts records up to
 * {@link #BROKER_MAX_BYTES}, well above {@code maxEventBytes}: an oversized event must reach the consumer to be
 * dead-lettered with its reason, not be refused at the producer where nobody sees it.
 */
public record TriggerTopics(String triggers, String deadLetters, int partitions, int maxEventBytes) {
    static final int BROKER_MAX_BYTES = 16 * 1024 * 1024;

    /** Creates the topics that do not exist yet (one broker: replication factor 1). */
    public void ensure(Properties adminProps) {
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(
                    new NewTopic(triggers, partitions, (short) 1)
                            .configs(Map.of("max.message.bytes", Integer.toString(BROKER_MAX_BYTES))),
                    new NewTopic(deadLetters, 1, (short) 1)).stream()
                    .filter(topic -> !existing.contains(topic.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create the trigger topics: " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot create the trigger topics: " + e, e);
        }
    }
}
