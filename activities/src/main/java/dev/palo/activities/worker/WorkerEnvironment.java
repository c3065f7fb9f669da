package dev.palo.activities.worker;

import dev.palo.activities.events.KafkaSettings;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.tracking.MlflowTracker;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code PALO_*} variable a worker process reads, read once at start from one environment. Each part is the
 * record its client takes and states its own variables' names and defaults once; the process's own settings (log
 * format, metrics address) are read here. The services app's worker builds the same from its environment with its
 * configured overrides.
 *
 * @param worker         Temporal, task queues, slots, drain timeout, GPU scheduling, work dir, MLflow experiment
 *                       ({@link WorkerSettings#fromEnvironment})
 * @param s3             {@code PALO_S3_*}
 * @param mlflowUri      {@code PALO_MLFLOW_URI}
 * @param kafka          {@code PALO_KAFKA_BOOTSTRAP} and the topics
 * @param apiKeys        {@code PALO_SECRETS_DIR}, {@code PALO_SECRET_<name>}, {@code PALO_SECRETS_BINDINGS(_FILE)};
 *                       the keys themselves are read when a stage asks for one, never held here
 * @param metricsAddress {@code PALO_METRICS_HOST}:{@code PALO_METRICS_PORT} of the Prometheus endpoint; null where
 *                       {@code PALO_METRICS_PORT} is unset (no endpoint)
 * @param logFormat      {@code PALO_LOG_FORMAT}: {@code text} or {@code json} (what logback.xml has an appender for)
 */
public record WorkerEnvironment(WorkerSettings worker, S3Settings s3, String mlflowUri, KafkaSettings kafka,
                                ApiKeys apiKeys, InetSocketAddress metricsAddress, String logFormat) {
    public static final String LOG_FORMAT = "PALO_LOG_FORMAT";
    public static final String METRICS_PORT = "PALO_METRICS_PORT";
    public static final String METRICS_HOST = "PALO_METRICS_HOST";
    private static final Set<String> LOG_FORMATS = Set.of("text", "json");

    public WorkerEnvironment {
        if (!LOG_FORMATS.contains(logFormat)) {
            throw new IllegalArgumentException(LOG_FORMAT + " must be one of " + LOG_FORMATS + ", got '" + logFormat
                    + "'");
        }
    }

    /** Reads and checks every variable; a malformed one fails here, at the process's start. */
    public static WorkerEnvironment read(Map<String, String> env) {
        return new WorkerEnvironment(WorkerSettings.fromEnvironment(env), S3Settings.fromEnvironment(env),
                MlflowTracker.trackingUri(env), KafkaSettings.fromEnvironment(env), new ApiKeys(env),
                metricsAddress(env), env.getOrDefault(LOG_FORMAT, "text"));
    }

    /** The same environment for a worker whose settings the services app configured (its namespace override). */
    public WorkerEnvironment withWorker(WorkerSettings settings) {
        return new WorkerEnvironment(settings, s3, mlflowUri, kafka, apiKeys, metricsAddress, logFormat);
    }

    private static InetSocketAddress metricsAddress(Map<String, String> env) {
        String port = env.getOrDefault(METRICS_PORT, "").strip();
        if (port.isEmpty()) {
            return null;
        }
        try {
            return new InetSocketAddress(env.getOrDefault(METRICS_HOST, "127.0.0.1"), Integer.parseInt(port));
        } catch (IllegalArgumentException e) { // NumberFormatException, or a port out of range
            throw new IllegalArgumentException(METRICS_PORT + " must be a port number, got '" + port + "'", e);
        }
    }
}
