package dev.palo.activities.worker;

import dev.palo.activities.dataset.DatasetActivitiesImpl;
import dev.palo.activities.postedit.PostEditActivitiesImpl;
import dev.palo.activities.registry.LanguageRegistryActivitiesImpl;
import dev.palo.activities.review.ReviewActivitiesImpl;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.activities.translate.ChatClients;
import dev.palo.activities.translate.TranslateActivitiesImpl;
import dev.palo.data.lang.LanguageRegistry;
import java.util.List;

/** Every activity implementation, wired to its backends. */
public final class PaloActivities {
    private PaloActivities() {
    }

    public static List<Object> create(ObjectStore store, Tracker tracker, ChatClients chatClients,
                                      WorkerSettings settings) {
        return List.of(
                new LanguageRegistryActivitiesImpl(LanguageRegistry.palo()),
                new TrackingActivitiesImpl(tracker, settings.mlflowExperiment()),
                new TranslateActivitiesImpl(store, tracker, chatClients, settings.workDir()),
                new PostEditActivitiesImpl(store, tracker, LanguageRegistry.palo(), settings.workDir()),
                new ReviewActivitiesImpl(store, tracker),
                new DatasetActivitiesImpl(store, tracker, settings.workDir()));
    }
}
