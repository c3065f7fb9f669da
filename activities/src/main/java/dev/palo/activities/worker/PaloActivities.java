package dev.palo.activities.worker;

import dev.palo.activities.dataset.DatasetActivitiesImpl;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.postedit.PostEditActivitiesImpl;
import dev.palo.activities.registry.LanguageRegistryActivitiesImpl;
import dev.palo.activities.review.ReviewActivitiesImpl;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.activities.translate.ChatClients;
import dev.palo.activities.translate.TranslateActivitiesImpl;
import dev.palo.activities.validate.ValidateActivitiesImpl;
import dev.palo.data.lang.LanguageRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every activity implementation, wired to its backends. */
public final class PaloActivities {
    private PaloActivities() {
    }

    /** The production wiring: MLflow and the chat endpoints' keys from the environment. */
    public static List<Object> fromEnvironment(Map<String, String> env, ObjectStore store, WorkerSettings settings) {
        return create(store, MlflowTracker.fromEnvironment(env),
                new ChatClients(new ApiKeys(env), Duration.ofSeconds(1), Duration.ofMinutes(1)), settings);
    }

    public static List<Object> create(ObjectStore store, Tracker tracker, ChatClients chatClients,
                                      WorkerSettings settings) {
        return List.of(
                new LanguageRegistryActivitiesImpl(LanguageRegistry.palo()),
                new TrackingActivitiesImpl(tracker, settings.mlflowExperiment()),
                new ValidateActivitiesImpl(store, tracker, settings.workDir()),
                new TranslateActivitiesImpl(store, tracker, chatClients, settings.workDir()),
                new PostEditActivitiesImpl(store, tracker, LanguageRegistry.palo(), settings.workDir()),
                new ReviewActivitiesImpl(store, tracker),
                new DatasetActivitiesImpl(store, tracker, settings.workDir()));
    }
}
