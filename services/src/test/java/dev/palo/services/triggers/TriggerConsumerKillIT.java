package dev.palo.services.triggers;

import static dev.palo.services.triggers.TriggerFixtures.KAFKA;
import static dev.palo.services.triggers.TriggerFixtures.groupLag;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.support.ChildJvm;
import dev.palo.services.support.EmbeddedStackResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A trigger consumer killed with {@code kill -9} in the middle of a batch (runs started, offsets not committed) loses
 * no event and starts no run twice: a second consumer of the same group gets the records again and their starts join
 * the runs the first one started. The consumers are the real {@link TriggerLoop} in JVMs of their own
 * ({@link StartOnlyConsumerMain}) against the embedded stack's broker and Temporal; the runs are start-only.
 */
class TriggerConsumerKillIT {
    /** More than two polls' batches (200 records each at most), so the kill comes after a commit. */
    private static final int EVENTS = 480;
    private static final int KEYS = 40;
    /** Slept after each start, so that a poll's batch takes seconds and can be killed inside. */
    private static final long PAUSE_MS = 10;
    private static final Path LOGS = Path.of("target", "trigger-kill-it").toAbsolutePath();

    @Test
    void killedMidBatchLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = "palo.triggers.kill-it-" + Long.toString(System.currentTimeMillis(), 36);
        String group = topic + "-group";
        new TriggerTopics(topic, topic + ".dlq", 3, 1024 * 1024).ensure(KAFKA.producer("kill-it-admin"));
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(TriggerFixtures.key());
        }
        try (StartOnlyRuns runs = new StartOnlyRuns()) {
            produce(topic, keys);
            List<String> args = List.of(KAFKA.bootstrap(), topic, group, EmbeddedStackResource.NAMESPACE,
                    runs.taskQueue, Long.toString(PAUSE_MS));
            String classpath = System.getProperty("java.class.path");
            int handledByFirst;
            try (ChildJvm first = ChildJvm.start(classpath, StartOnlyConsumerMain.class.getName(), args, "256m",
                    LOGS.resolve(topic + "-first.log"))) {
                first.await("half of the events handled by the first consumer",
                        log -> handled(log) >= EVENTS / 2, Duration.ofSeconds(60));
                assertEquals(128 + 9, first.killHard(), "the first consumer dies of SIGKILL");
                handledByFirst = handled(first.output());
                assertTrue(handledByFirst < EVENTS, "the first consumer was killed before it handled every event");
            }
            long lagAfterKill = groupLag(KAFKA.bootstrap(), group, topic);
            // some batches committed, the one the kill interrupted not: the kill came mid-stream, between commits
            assertTrue(lagAfterKill > 0 && lagAfterKill < EVENTS, "the kill left some records committed and some"
                    + " not (lag " + lagAfterKill + " of " + EVENTS + ")");

            try (ChildJvm second = ChildJvm.start(classpath, StartOnlyConsumerMain.class.getName(), args, "256m",
                    LOGS.resolve(topic + "-second.log"))) {
                await("the group's lag back to 0 after the second consumer took over").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> groupLag(KAFKA.bootstrap(), group, topic) == 0);
                int handledBySecond = handled(second.output());
                // records the first consumer started but never committed came again: the case under test happened
                assertTrue(handledByFirst + handledBySecond > EVENTS, "some events were delivered twice (first "
                        + handledByFirst + ", second " + handledBySecond + " of " + EVENTS + ")");
                assertTrue(handledBySecond >= lagAfterKill, "the second consumer handled every uncommitted record");
            }

            Map<String, String> expected = StartOnlyRuns.runIds(keys);
            await("one run per key visible in Temporal").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> runs.executionsById().keySet().equals(expected.keySet()));
            runs.executionsById().forEach((runId, executions) ->
                    assertEquals(1, executions, "executions of run " + runId + " (key " + expected.get(runId) + ")"));
        }
    }

    /** Events spread over the keys round-robin, so every key has several and each batch holds duplicates. */
    private static void produce(String topic, List<String> keys) throws Exception {
        // the events are the test's input, not the product's publish: give the broker the patience a loaded machine
        // needs (a new topic's leaders took over the product's 20 s once, at load 7), rather than fail the setup
        Properties patient = KAFKA.producer("kill-it-producer");
        patient.put("delivery.timeout.ms", "120000");
        patient.put("request.timeout.ms", "30000");
        patient.put("max.block.ms", "60000");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(patient)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String key = keys.get(i % keys.size());
                sent.add(producer.send(new ProducerRecord<>(topic, key, StartOnlyStarts.event(key, Map.of()))));
            }
            for (Future<?> ack : sent) {
                ack.get(150, TimeUnit.SECONDS);
            }
        }
    }

    private static int handled(String log) {
        return (int) log.lines().filter(line -> line.startsWith(StartOnlyConsumerMain.HANDLED)).count();
    }
}
