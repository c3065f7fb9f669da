package dev.palo.services.worker;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.worker.PaloActivities;
import dev.palo.activities.worker.PaloWorkers;
import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.activities.worker.WorkerShutdown;
import dev.palo.services.settings.PaloSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs the platform's worker inside the app (the one-machine setup): the same registration as
 * {@code palo worker}, polling the queues of {@link WorkerSettings}. Disabled where separate
 * CPU and GPU pools do the work.
 */
@ApplicationScoped
public class WorkerBootstrap {
    private static final Logger LOG = Logger.getLogger(WorkerBootstrap.class);

    @Inject
    PaloSettings config;
    @Inject
    WorkflowClient client;
    @Inject
    WorkerEnvironment environment;
    @Inject
    WorkerSettings settings;
    @Inject
    MinioObjectStore store;
    @Inject
    MeterRegistry metrics;

    private WorkerFactory factory;

    void start(@Observes StartupEvent event) {
        if (!config.worker().enabled()) {
            LOG.info("palo.worker.enabled=false: this app starts and watches runs; a separate worker pool runs them");
            return;
        }
        factory = PaloWorkers.start(client, settings, PaloActivities.fromEnvironment(environment, store), metrics);
        LOG.infof("PALO worker polling %s on %s (namespace %s)", settings.taskQueues(), settings.temporalAddress(),
                settings.namespace());
    }

    void stop(@Observes ShutdownEvent event) {
        if (factory != null) {
            WorkerShutdown.drain(factory, settings.drainTimeout());
        }
    }
}
