package dev.palo.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Talks to each real server of the embedded stack the way the platform will. Run with the stack up. */
class EmbeddedStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Keeps names unique per run, so the tests can share a long-lived stack with other users. */
    private final String unique = UUID.randomUUID().toString();

    private static MinioClient s3() {
        return MinioClient.builder()
                .endpoint(StackEndpoints.S3_ENDPOINT)
                .credentials(StackEndpoints.S3_ACCESS_KEY, StackEndpoints.S3_SECRET_KEY)
                .build();
    }

    @Test
    void objectStoreStoresListsAndReturnsObjects() throws Exception {
        StackEndpoints.requireListening("S3 store", StackEndpoints.S3_ENDPOINT);
        MinioClient s3 = s3();
        String prefix = "it/" + unique + "/";
        byte[] body = ("payload " + unique).getBytes(StandardCharsets.UTF_8);
        List<String> keys = List.of(prefix + "a.txt", prefix + "b.txt");
        for (String key : keys) {
            s3.putObject(PutObjectArgs.builder().bucket(StackEndpoints.PLATFORM_BUCKET).object(key)
                    .stream(new ByteArrayInputStream(body), body.length, -1).contentType("text/plain").build());
        }
        try (InputStream in = s3.getObject(GetObjectArgs.builder()
                .bucket(StackEndpoints.PLATFORM_BUCKET).object(keys.get(0)).build())) {
            assertEquals(new String(body, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> listed = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder()
                .bucket(StackEndpoints.PLATFORM_BUCKET).prefix(prefix).recursive(true).build())) {
            listed.add(item.get().objectName());
        }
        assertEquals(keys, listed.stream().sorted().toList());
        for (String key : keys) {
            s3.removeObject(RemoveObjectArgs.builder().bucket(StackEndpoints.PLATFORM_BUCKET).object(key).build());
        }
    }

    @Test
    void kafkaDeliversAProducedRecord() throws Exception {
        StackEndpoints.requireListening("Kafka", StackEndpoints.KAFKA_BOOTSTRAP);
        String topic = "it-" + unique;
        String value = "event " + unique;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, StackEndpoints.KAFKA_BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackEndpoints.KAFKA_BOOTSTRAP);
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get();
            }
            Properties consumerProps = new Properties();
            consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackEndpoints.KAFKA_BOOTSTRAP);
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                List<String> received = new ArrayList<>();
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        received.add(record.value());
                    }
                }
                assertEquals(List.of(value), received);
            }
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    @Test
    void mlflowTracksARunAndStoresItsArtifactInTheObjectStore() throws Exception {
        StackEndpoints.requireListening("MLflow", StackEndpoints.MLFLOW_URI);
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        String experimentId = post(http, "experiments/create", Map.of("name", "it-" + unique)).get("experiment_id").asText();
        JsonNode runInfo = post(http, "runs/create",
                Map.of("experiment_id", experimentId, "start_time", System.currentTimeMillis())).get("run").get("info");
        String runId = runInfo.get("run_id").asText();
        double loss = 0.25;
        post(http, "runs/log-metric", Map.of("run_id", runId, "key", "loss", "value", loss,
                "timestamp", System.currentTimeMillis(), "step", 3));
        JsonNode metric = get(http, "runs/get?run_id=" + runId).get("run").get("data").get("metrics").get(0);
        assertEquals("loss", metric.get("key").asText());
        assertEquals(loss, metric.get("value").asDouble());
        assertEquals(3, metric.get("step").asInt());

        // artifact_uri is mlflow-artifacts:/<path>; the server proxies <path> to s3://mlflow/<path>
        String artifactPath = runInfo.get("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/", "") + "/report.txt";
        String report = "report of " + unique;
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(
                        URI.create(StackEndpoints.MLFLOW_URI + "/api/2.0/mlflow-artifacts/artifacts/" + artifactPath))
                .timeout(TIMEOUT).PUT(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upload.statusCode(), upload.body());
        try (InputStream in = s3().getObject(GetObjectArgs.builder()
                .bucket(StackEndpoints.MLFLOW_BUCKET).object(artifactPath).build())) {
            assertEquals(report, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        post(http, "runs/update", Map.of("run_id", runId, "status", "FINISHED", "end_time", System.currentTimeMillis()));
    }

    @Test
    void temporalRunsAWorkflowOnAnInTestWorker() {
        StackEndpoints.requireListening("Temporal", StackEndpoints.TEMPORAL_ADDRESS);
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(StackEndpoints.TEMPORAL_ADDRESS).build());
        try {
            GetSystemInfoResponse info = service.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            assertFalse(info.getServerVersion().isBlank(), "server version");

            WorkflowClient client = WorkflowClient.newInstance(service);
            WorkerFactory workers = WorkerFactory.newInstance(client);
            String taskQueue = "it-" + unique;
            workers.newWorker(taskQueue).registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
            workers.start();
            try {
                GreetingWorkflow workflow = client.newWorkflowStub(GreetingWorkflow.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(taskQueue).setWorkflowId("it-" + unique).setWorkflowRunTimeout(TIMEOUT).build());
                String name = "stack " + unique;
                assertEquals(GreetingWorkflowImpl.greeting(name), workflow.greet(name));
            } finally {
                workers.shutdownNow();
            }
        } finally {
            service.shutdownNow();
        }
    }

    /** The smallest real workflow: proves the server schedules workflow tasks to a worker and records results. */
    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    public static class GreetingWorkflowImpl implements GreetingWorkflow {
        static String greeting(String name) {
            return "hello " + name;
        }

        @Override
        public String greet(String name) {
            return greeting(name);
        }
    }

    private static JsonNode post(HttpClient http, String method, Map<String, Object> body) throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(mlflowApi(method)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static JsonNode get(HttpClient http, String methodAndQuery) throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(mlflowApi(methodAndQuery)).GET());
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200, () -> response.request().uri() + " -> " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static URI mlflowApi(String methodAndQuery) {
        return URI.create(StackEndpoints.MLFLOW_URI + "/api/2.0/mlflow/" + methodAndQuery);
    }
}
