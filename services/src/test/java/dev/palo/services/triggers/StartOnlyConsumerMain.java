package dev.palo.services.triggers;

import dev.palo.activities.events.KafkaSettings;
import dev.palo.activities.worker.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Properties;

/**
 * The real {@link TriggerLoop} with {@link StartOnlyStarts} in a JVM of its own, so that a test can kill it with
 * {@code kill -9} mid-batch. Prints one {@code handled <runId> <position>} line per event after Temporal answered
 * (before the offset is committed), and {@code consumer ready} once it runs.
 *
 * <pre>java … StartOnlyConsumerMain BOOTSTRAP TOPIC GROUP NAMESPACE TASK_QUEUE PAUSE_MS</pre>
 *
 * PAUSE_MS is slept after each start so that a batch spans long enough to be killed in its middle.
 */
public final class StartOnlyConsumerMain {
    static final String READY_LINE = "consumer ready";
    static final String HANDLED = "handled ";

    private StartOnlyConsumerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        String topic = args[1];
        String group = args[2];
        String namespace = args[3];
        String taskQueue = args[4];
        long pauseMs = Long.parseLong(args[5]);
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(WorkerSettings.fromEnvironment(System.getenv()).temporalAddress()).build());
        WorkflowClient client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
        KafkaSettings kafka = new KafkaSettings(bootstrap, "unused", topic, topic + ".dlq");
        TriggerLoop loop = new TriggerLoop(new TriggerTopics(topic, topic + ".dlq", 3, 1024 * 1024),
                consumerProps(kafka, group), kafka.producer("start-only-dlq"),
                new StartOnlyStarts(client, taskQueue, (event, runId, position) -> {
                    System.out.println(HANDLED + runId + " " + position);
                    System.out.flush();
                    pause(pauseMs);
                }), new TriggerStats());
        Thread thread = new Thread(loop, "start-only-triggers");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.stop();
            join(thread);
        }));
        thread.start();
        System.out.println(READY_LINE);
        System.out.flush();
        thread.join();
        service.shutdown();
    }

    /**
     * The app's consumer settings, with the broker's shortest session: a consumer that replaces a killed one waits
     * for the dead member's session to expire before the group hands it the partitions.
     */
    static Properties consumerProps(KafkaSettings kafka, String group) {
        Properties props = kafka.consumer(group, "start-only-" + ProcessHandle.current().pid());
        props.put("max.poll.records", "200");
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        return props;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
