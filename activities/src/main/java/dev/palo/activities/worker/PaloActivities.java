package dev.palo.activities.worker;

import dev.palo.activities.basemodel.BaseModelActivitiesImpl;
import dev.palo.activities.dataset.DatasetActivitiesImpl;
import dev.palo.activities.evaluate.EvaluateActivitiesImpl;
import dev.palo.activities.events.EventActivitiesImpl;
import dev.palo.activities.events.KafkaSettings;
import dev.palo.activities.finetune.FinetuneActivitiesImpl;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.postedit.PostEditActivitiesImpl;
import dev.palo.activities.pretrain.PretrainActivitiesImpl;
import dev.palo.activities.quality.QualityActivitiesImpl;
import dev.palo.activities.registry.LanguageRegistryActivitiesImpl;
import dev.palo.activities.review.ReviewActivitiesImpl;
import dev.palo.activities.review.SimulatedReviewActivitiesImpl;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.study.StudyActivitiesImpl;
import dev.palo.activities.tracking.MlflowModelRegistry;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.activities.tracking.ModelRegistry;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.activities.translation.base.TranslatorActivitiesImpl;
import dev.palo.activities.translation.translate.ChatClients;
import dev.palo.activities.translation.translate.TranslateActivitiesImpl;
import dev.palo.activities.translation.tune.TuneActivitiesImpl;
import dev.palo.activities.validate.ValidateActivitiesImpl;
import dev.palo.data.lang.LanguageRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every activity implementation, wired to its backends. */
public final class PaloActivities {
    private PaloActivities() {
    }

    /** The production wiring: MLflow, Kafka and the chat and fine-tuning endpoints' keys from the environment. */
    public static List<Object> fromEnvironment(WorkerEnvironment env, ObjectStore store) {
        return create(store, new MlflowTracker(env.mlflowUri()), new MlflowModelRegistry(env.mlflowUri()),
                new ChatClients(env.apiKeys(), Duration.ofSeconds(1), Duration.ofMinutes(1)), env.apiKeys(),
                env.worker(), env.kafka());
    }

    /**
     * Fine-tuning and judge endpoints reached without a key (local test servers); the registry and Kafka from the
     * process environment.
     */
    public static List<Object> create(ObjectStore store, Tracker tracker, ChatClients chatClients,
                                      WorkerSettings settings) {
        WorkerEnvironment env = WorkerEnvironment.read(System.getenv());
        return create(store, tracker, new MlflowModelRegistry(env.mlflowUri()), chatClients, new ApiKeys(Map.of()),
                settings, env.kafka());
    }

    /** {@code fineTuningKeys} resolves the fine-tuning and judge APIs' keys by the names their settings carry. */
    public static List<Object> create(ObjectStore store, Tracker tracker, ModelRegistry registry,
                                      ChatClients chatClients, ApiKeys fineTuningKeys, WorkerSettings settings,
                                      KafkaSettings kafka) {
        return List.of(
                new LanguageRegistryActivitiesImpl(LanguageRegistry.palo()),
                new TrackingActivitiesImpl(tracker, settings.mlflowExperiment()),
                new ValidateActivitiesImpl(store, tracker, settings.workDir()),
                new TranslateActivitiesImpl(store, tracker, chatClients, settings.workDir()),
                new TranslatorActivitiesImpl(store, tracker, registry, settings.workDir()),
                new PostEditActivitiesImpl(store, tracker, LanguageRegistry.palo(), settings.workDir()),
                new ReviewActivitiesImpl(store, tracker),
                new SimulatedReviewActivitiesImpl(store),
                new TuneActivitiesImpl(store, tracker, fineTuningKeys, Duration.ofSeconds(1), Duration.ofMinutes(1),
                        settings.workDir()),
                new QualityActivitiesImpl(store, tracker, settings.workDir()),
                new DatasetActivitiesImpl(store, tracker, settings.workDir()),
                new BaseModelActivitiesImpl(store, tracker, registry, settings.workDir()),
                new PretrainActivitiesImpl(store, tracker, settings.workDir()),
                new FinetuneActivitiesImpl(store, tracker, settings.workDir()),
                new EvaluateActivitiesImpl(store, tracker, fineTuningKeys, settings.workDir()),
                new StudyActivitiesImpl(store, tracker, settings.mlflowExperiment(), settings.workDir()),
                new EventActivitiesImpl(kafka, tracker));
    }
}
