package dev.palo.services.triggers;

import static dev.palo.services.triggers.TriggerFixtures.groupLag;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palo.activities.events.KafkaSettings;
import dev.palo.services.support.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The broker stops (SIGTERM) while trigger events flow and comes back on the same ports and data: the consumer resumes
 * where the group left off, no event is lost and no run starts twice. The embedded stack's broker is shared with other
 * tests, so this test runs a private one, infra/local's {@code KafkaBrokerMain} in a JVM of its own on free ports; the
 * consumer is the real {@link TriggerLoop} in this JVM, starting start-only runs in the embedded stack's Temporal.
 */
class TriggerBrokerRestartIT {
    private static final int EVENTS = RetryingProducer.EVENTS;
    private static final int KEYS = 50;
    private static final long HANDLER_PAUSE_MS = 60;
    private static final String BROKER_MAIN = "dev.palo.infra.local.KafkaBrokerMain";
    private static final Path WORK = Path.of("target", "trigger-broker-it").toAbsolutePath();
    private static final Duration BROKER_START = Duration.ofSeconds(60);

    @Test
    void consumerResumesAfterBrokerRestart() throws Exception {
        String name = Long.toString(System.currentTimeMillis(), 36);
        Path dir = Files.createDirectories(WORK.resolve(name));
        List<String> brokerArgs = List.of("--dir", dir.toString(), "--port", Integer.toString(freePort()),
                "--controller-port", Integer.toString(freePort()));
        String bootstrap = "127.0.0.1:" + brokerArgs.get(3);
        String topic = "palo.triggers.restart-it-" + name;
        String group = topic + "-group";
        KafkaSettings kafka = new KafkaSettings(bootstrap, "unused", topic, topic + ".dlq");
        Path brokerLog = WORK.resolve(name + "-broker.log");
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(TriggerFixtures.key());
        }

        ChildJvm broker = startBroker(brokerArgs, brokerLog, kafka);
        TriggerTopics topics = new TriggerTopics(topic, topic + ".dlq", 3, 1024 * 1024);
        topics.ensure(kafka.producer("restart-it-admin"));
        TriggerStats stats = new TriggerStats();
        try (StartOnlyRuns runs = new StartOnlyRuns()) {
            TriggerLoop loop = new TriggerLoop(topics, StartOnlyConsumerMain.consumerProps(kafka, group),
                    kafka.producer("restart-it-dlq"), new StartOnlyStarts(runs.client, runs.taskQueue,
                    (event, runId, position) -> pause()), stats);
            Thread consumer = new Thread(loop, "restart-it-triggers");
            consumer.start();
            RetryingProducer producer = new RetryingProducer(kafka, topic, keys);
            Thread producing = new Thread(producer, "restart-it-producer");
            producing.start();
            try {
                // stopped while the consumer is inside its first batch: that batch's commit meets no broker
                await("the consumer handling events before the broker stops").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50)).until(() -> stats.snapshot().accepted() > 0);
                broker.terminate();
                await("the producer failing against the stopped broker").atMost(Duration.ofSeconds(60))
                        .until(() -> producer.failures() > 0 || producer.done());
                assertTrue(producer.failures() > 0, "events were still being produced when the broker stopped");
                assertTrue(stats.snapshot().accepted() < EVENTS, "the consumer had not handled every event when the"
                        + " broker stopped: " + stats.snapshot());
                broker = startBroker(brokerArgs, brokerLog, kafka);
                producing.join(Duration.ofSeconds(90).toMillis());
                assertTrue(producer.done(), "every event acknowledged after the restart (" + producer.acked() + " of "
                        + EVENTS + ")");

                await("the group's lag back to 0 after the restart").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500)).until(() -> groupLag(bootstrap, group, topic) == 0);
                assertTrue(stats.snapshot().accepted() >= EVENTS, "every event handled at least once: "
                        + stats.snapshot());
                Map<String, String> expected = StartOnlyRuns.runIds(keys);
                await("one run per key visible in Temporal").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> runs.executionsById().keySet().equals(expected.keySet()));
                runs.executionsById().forEach((runId, executions) -> assertEquals(1, executions,
                        "executions of run " + runId + " (key " + expected.get(runId) + ")"));
            } finally {
                producer.stop();
                producing.join(30_000);
                loop.stop();
                consumer.join(30_000);
            }
        } finally {
            broker.terminate();
        }
    }

    /** Slows the handler so that a batch is still being handled when the broker stops. */
    private static void pause() {
        try {
            Thread.sleep(HANDLER_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** infra/local's broker main with that module's runtime classpath, which {@code ./palo up} builds. */
    private static ChildJvm startBroker(List<String> args, Path log, KafkaSettings kafka)
            throws IOException, InterruptedException {
        Path module = Path.of("..", "infra", "local").toAbsolutePath().normalize();
        Path classpath = module.resolve("target/runtime.classpath");
        if (!Files.exists(classpath)) {
            fail(classpath + " is missing: `./palo up` builds it (infra/local's runtime classpath)");
        }
        ChildJvm broker = ChildJvm.start(module.resolve("target/classes") + ":" + Files.readString(classpath).trim(),
                BROKER_MAIN, args, "512m", log);
        long deadline = System.nanoTime() + BROKER_START.toNanos();
        Properties props = kafka.producer("restart-it-ready");
        props.put("request.timeout.ms", "3000");
        props.put("default.api.timeout.ms", "5000");
        while (true) {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                admin.listTopics().names().get(5, TimeUnit.SECONDS);
                return broker;
            } catch (Exception e) {
                if (!broker.alive() || System.nanoTime() > deadline) {
                    fail("the private broker did not come up within " + BROKER_START + ": " + e + "; its log:\n"
                            + broker.output());
                }
                Thread.sleep(500);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
