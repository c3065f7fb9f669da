package dev.palo.services.runs;

import dev.palo.activities.training.TrainingMetrics;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.palo.activities.worker.WorkerEnvironment;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.tracking.MlflowClient;

/**
 * Loss and learning-rate history of training stages from MLflow (what the stages log per window of steps), for the
 * run page's curves and step counts. A running stage's curves are read again at most every few seconds, shared by
 * every viewer; an ended stage's are kept.
 */
@ApplicationScoped
public class MlflowCurves {
    /** Stages whose tracking runs log {@code loss} per step. */
    public static final Set<String> TRAINING_STAGES = Set.of("base-model", "pretrain", "finetune", "translator-base",
            "tune");
    static final String LOSS = "loss";
    static final String LEARNING_RATE = "learning_rate";
    /** Logged once by every training loop: steps in the schedule. */
    static final String TOTAL_STEPS = TrainingMetrics.TOTAL_STEPS;
    private static final Logger LOG = Logger.getLogger(MlflowCurves.class);

    private final MlflowClient client;
    private final Cache<String, TrainingCurves> live = Caffeine.newBuilder().maximumSize(200)
            .expireAfterWrite(Duration.ofSeconds(5)).build();
    private final Cache<String, TrainingCurves> ended = Caffeine.newBuilder().maximumSize(2_000).build();

    /** The tracking server the stages log to ({@code PALO_MLFLOW_URI}, as the worker reads it). */
    @Inject
    MlflowCurves(WorkerEnvironment environment) {
        client = new MlflowClient(environment.mlflowUri());
    }

    /** The curves of a training stage's tracking run; empty when MLflow cannot answer (the page goes on without). */
    public Optional<TrainingCurves> read(String trackingRunId, boolean stageEnded) {
        try {
            if (stageEnded) {
                return Optional.of(ended.get(trackingRunId, this::fetch));
            }
            return Optional.of(live.get(trackingRunId, this::fetch));
        } catch (RuntimeException e) {
            LOG.debugf("no curves for %s: %s", trackingRunId, e.getMessage());
            return Optional.empty();
        }
    }

    private TrainingCurves fetch(String runId) {
        List<Metric> total = client.getMetricHistory(runId, TOTAL_STEPS);
        return new TrainingCurves(points(runId, LOSS), points(runId, LEARNING_RATE),
                total.isEmpty() ? null : (long) total.get(total.size() - 1).getValue());
    }

    private List<TrainingCurves.Point> points(String runId, String key) {
        return client.getMetricHistory(runId, key).stream()
                .sorted(Comparator.comparingLong(Metric::getStep).thenComparingLong(Metric::getTimestamp))
                .map(metric -> new TrainingCurves.Point(metric.getStep(), metric.getValue())).toList();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
