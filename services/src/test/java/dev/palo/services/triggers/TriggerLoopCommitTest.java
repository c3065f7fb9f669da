package dev.palo.services.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A failed offset commit after the runs were started loses no event and starts no run twice. The consumer is
 * kafka-clients' {@link MockConsumer} whose commits fail on purpose; the handler stands in for Temporal's start with
 * the trigger path's id policies: the first start of a run id starts it, any later one joins it (the real policy is
 * exercised against Temporal by TriggerConsumerKillIT and TriggersIT).
 */
class TriggerLoopCommitTest {
    private static final String TOPIC = "palo.triggers.unit";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final TriggerTopics TOPICS = new TriggerTopics(TOPIC, TOPIC + ".dlq", 1, 1024);

    /** Run id → how many deliveries started or joined it; a second start of an id is a join, never a new run. */
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private final List<String> handled = new ArrayList<>();
    private final TriggerStats stats = new TriggerStats();

    @Test
    void aCommitThatTimesOutIsRetriedWithTheNextPollAndNothingIsHandledTwice() {
        FailingCommits consumer = new FailingCommits(() -> new TimeoutException("broker blip"), 1);
        TriggerLoop loop = loop(consumer);
        consumer.schedulePollTask(() -> assignWithRecords(consumer, 5));
        consumer.scheduleNopPollTask(); // a poll with no records: the pending offsets are committed anyway
        consumer.schedulePollTask(loop::stop);
        loop.run();

        assertEquals(2, consumer.commitCalls, "the failed commit was tried again");
        assertEquals(5L, consumer.committedOffset(), "every handled record is committed");
        assertEquals(List.of("key-0", "key-1", "key-2", "key-3", "key-4"), handled, "each record handled once");
        assertEquals(5, runs.size());
        assertTrue(stats.snapshot().lastProblem().contains("broker blip"), stats.snapshot().toString());
    }

    @Test
    void aPartitionRevokedAfterAFailedCommitIsCommittedAtHandover() {
        FailingCommits consumer = new FailingCommits(() -> new TimeoutException("broker blip"), 1);
        TriggerLoop loop = loop(consumer);
        consumer.schedulePollTask(() -> assignWithRecords(consumer, 3));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of())); // the group moves the partition away
        consumer.schedulePollTask(loop::stop);
        loop.run();

        assertEquals(3L, consumer.committedOffset(), "the new owner starts after the handled records");
        assertEquals(3, handled.size());
    }

    @Test
    void aCommitRefusedBecauseTheGroupRebalancedLeavesTheRecordsToTheNewOwnerWhoseStartsJoinTheirRuns() {
        FailingCommits first = new FailingCommits(() -> new CommitFailedException("generation gone"),
                Integer.MAX_VALUE);
        TriggerLoop firstLoop = loop(first);
        first.schedulePollTask(() -> assignWithRecords(first, 5));
        first.onFailure = () -> first.losePartitions(List.of(PARTITION)); // the group gave it to another member
        first.schedulePollTask(firstLoop::stop);
        firstLoop.run();
        assertNull(first.committedOffset(), "nothing was committed for a partition this consumer lost");
        assertEquals(1, first.commitCalls, "a lost partition's offsets are not retried by its old owner");

        // the new owner reads from the last committed offset (none): the five records again, and two new ones
        FailingCommits second = new FailingCommits(() -> new CommitFailedException("unused"), 0);
        TriggerLoop secondLoop = loop(second);
        second.schedulePollTask(() -> assignWithRecords(second, 7));
        second.schedulePollTask(secondLoop::stop);
        secondLoop.run();

        assertEquals(7L, second.committedOffset());
        assertEquals(12, handled.size(), "the five records of the failed commit came again");
        assertEquals(7, runs.size(), "one run per key: no event lost, none started twice");
        for (int i = 0; i < 5; i++) {
            assertEquals(2, runs.get(TriggerPlanner.runId("language.added", "key-" + i)),
                    "the redelivery joined the run of key-" + i);
        }
    }

    private TriggerLoop loop(MockConsumer<String, byte[]> consumer) {
        MockProducer<String, byte[]> deadLetters = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        return new TriggerLoop(TOPICS, consumer, deadLetters, (value, position) -> {
            String key = new String(value, StandardCharsets.UTF_8);
            handled.add(key);
            runs.merge(TriggerPlanner.runId("language.added", key), 1, Integer::sum);
        }, stats);
    }

    /** The group gives this consumer the partition, which holds records 0 to {@code count - 1}. */
    private static void assignWithRecords(MockConsumer<String, byte[]> consumer, int count) {
        consumer.rebalance(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (int offset = 0; offset < count; offset++) {
            String key = "key-" + offset;
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, key.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A mock consumer whose first {@code failures} commits throw; {@link #onFailure} runs before each throw. */
    private static final class FailingCommits extends MockConsumer<String, byte[]> {
        private final Supplier<KafkaException> failure;
        private final Map<TopicPartition, OffsetAndMetadata> committed = new ConcurrentHashMap<>();
        private int failures;
        int commitCalls;
        Runnable onFailure = () -> { };

        FailingCommits(Supplier<KafkaException> failure, int failures) {
            super("earliest");
            this.failure = failure;
            this.failures = failures;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            commitCalls++;
            if (failures > 0) {
                failures--;
                onFailure.run();
                throw failure.get();
            }
            super.commitSync(offsets, timeout);
            committed.putAll(offsets);
        }

        /** What was committed last (read after the loop closed the consumer). */
        Long committedOffset() {
            OffsetAndMetadata offset = committed.get(PARTITION);
            return offset == null ? null : offset.offset();
        }
    }
}
