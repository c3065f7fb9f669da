package dev.palo.services.triggers;

import dev.palo.activities.events.KafkaSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Trigger consumer throughput and trigger-to-start latency, start-only: the real {@link TriggerLoop} (poll, handle,
 * commit after start) with a handler that parses the event, derives the run id from its key and asks Temporal to start
 * it with the trigger path's id policies, in a namespace of its own that no worker polls, so no pipeline runs. The
 * runs are terminated at the end. Not a test: a main, run by hand.
 *
 * <pre>java … dev.palo.services.triggers.TriggerBenchmark [events 10000] [keys 100]</pre>
 *
 * Latency is measured from the record's create time (set by the producer) to Temporal's answer, for the first record
 * of each key (a real start) and for all records (most of them duplicates that join).
 */
public final class TriggerBenchmark {
    private static final String NAMESPACE = "palo-trigger-bench";

    private TriggerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        KafkaSettings env = KafkaSettings.fromEnvironment(System.getenv());
        String topic = "palo.triggers.bench-" + Long.toString(System.currentTimeMillis(), 36);
        KafkaSettings kafka = new KafkaSettings(env.bootstrap(), env.eventsTopic(), topic, topic + ".dlq");
        String address = System.getenv().getOrDefault("PALO_TEMPORAL_ADDRESS", "127.0.0.1:7233");
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        register(service);
        WorkflowClient client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());

        TriggerTopics topics = new TriggerTopics(topic, topic + ".dlq", 3, 1024 * 1024);
        topics.ensure(kafka.producer("bench-admin"));
        List<Long> firstStart = Collections.synchronizedList(new ArrayList<>());
        List<Long> every = Collections.synchronizedList(new ArrayList<>());
        ConcurrentMap<String, Boolean> started = new ConcurrentHashMap<>();
        TriggerStats stats = new TriggerStats();
        TriggerLoop.Handler handler = new StartOnlyStarts(client, "palo-cpu", (event, runId, position) -> {
            long latency = System.currentTimeMillis() - event.path("sentAt").asLong();
            every.add(latency);
            if (started.putIfAbsent(runId, true) == null) {
                firstStart.add(latency);
            }
        });
        Properties consumerProps = kafka.consumer("bench-" + topic, "bench-consumer");
        consumerProps.put("max.poll.records", "200");
        TriggerLoop loop = new TriggerLoop(topics, consumerProps, kafka.producer("bench-dlq"), handler, stats);
        Thread thread = new Thread(loop, "bench-triggers");
        thread.start();

        long sendStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producer("bench-producer"))) {
            for (int i = 0; i < events; i++) {
                String key = "bench-key-" + (i % keys) + "-" + topic;
                byte[] value = StartOnlyStarts.event(key, Map.of("sentAt", System.currentTimeMillis()));
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        long absorbStart = System.nanoTime();
        while (stats.snapshot().accepted() + stats.snapshot().deadLetteredTotal() < events) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - sendStart) / 1e9;
        long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        Thread.sleep(1_500);
        System.out.printf("events %d, keys %d: produced in %.2f s; all handled %.2f s after the first send "
                        + "(%.0f events/s end to end), %.2f s after the last send%n", events, keys, sendSeconds,
                seconds, events / seconds, (System.nanoTime() - absorbStart) / 1e9);
        System.out.printf("runs started: %d (distinct ids); accepted %d, dead-lettered %d, lag %d, heap used %d MB%n",
                started.size(), stats.snapshot().accepted(), stats.snapshot().deadLetteredTotal(),
                stats.snapshot().lag(), heapMb);
        System.out.printf("trigger-to-start latency, first record of each key: p50 %d ms, p99 %d ms, max %d ms%n",
                percentile(firstStart, 50), percentile(firstStart, 99), percentile(firstStart, 100));
        System.out.printf("trigger-to-answer latency, every record: p50 %d ms, p99 %d ms, max %d ms%n",
                percentile(every, 50), percentile(every, 99), percentile(every, 100));
        loop.stop();
        thread.join(10_000);
        for (String runId : started.keySet()) {
            client.newUntypedWorkflowStub(runId).terminate("benchmark done");
        }
        service.shutdown();
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void register(WorkflowServiceStubs service) throws InterruptedException {
        try {
            service.blockingStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(NAMESPACE)
                    .setWorkflowExecutionRetentionPeriod(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(Duration.ofDays(1).toSeconds())).build());
            Thread.sleep(12_000); // the frontend's namespace cache refreshes every 10 s
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
    }
}
