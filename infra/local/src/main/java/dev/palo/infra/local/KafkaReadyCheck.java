package dev.palo.infra.local;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Exits 0 when the broker at the given bootstrap address answers a metadata request with at least one
 * live broker, 1 otherwise. An open port alone is not enough: a KRaft node listens before it is unfenced.
 */
public final class KafkaReadyCheck {
    private static final int TIMEOUT_MS = 5000;

    private KafkaReadyCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: KafkaReadyCheck HOST:PORT");
            System.exit(2);
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        try (Admin admin = Admin.create(config)) {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            System.exit(brokers > 0 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("Kafka at " + args[0] + " is not ready: " + e);
            System.exit(1);
        }
    }
}
