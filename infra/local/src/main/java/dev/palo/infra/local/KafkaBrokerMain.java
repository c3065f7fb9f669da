package dev.palo.infra.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * The embedded event broker: one KRaft node that is both broker and controller, listening on 127.0.0.1 only.
 * Formats its log folder on first start, then runs Kafka's own entry point (which owns shutdown on SIGTERM).
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] argv) throws IOException {
        LauncherArgs args = new LauncherArgs("KafkaBrokerMain", argv, List.of("dir", "port", "controller-port"));
        Path dir = args.path("dir");
        Path logDir = dir.resolve("data");
        Path config = dir.resolve("server.properties");
        Files.createDirectories(logDir);
        writeConfig(config, logDir, args.port("port"), args.port("controller-port"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        Kafka.main(new String[] {config.toString()});
    }

    /**
     * Static voters rather than a dynamic quorum: a dynamic quorum records the controller's address in the
     * metadata log at format time, so a later port change would leave the node unable to find itself.
     */
    private static Properties brokerConfig(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());
        // one node: internal topics cannot have more replicas than brokers
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        // a lone consumer should not wait 3 s for group members that will never come
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    private static void writeConfig(Path config, Path logDir, int port, int controllerPort) throws IOException {
        try (OutputStream out = Files.newOutputStream(config)) {
            brokerConfig(logDir, port, controllerPort).store(out, "written by KafkaBrokerMain at every start");
        }
    }

    private static void format(Path config) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String[] command = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()};
        int status = StorageTool.execute(command, out);
        if (status != 0) {
            throw new IllegalStateException("KafkaBrokerMain: formatting the log folder failed (status " + status + "), see above");
        }
    }
}
