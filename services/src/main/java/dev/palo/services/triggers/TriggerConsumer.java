package dev.palo.services.triggers;

import dev.palo.activities.events.KafkaSettings;
import dev.palo.services.runs.RunCommands;
import dev.palo.services.runs.RunSearchAttributes;
import dev.palo.services.settings.PaloSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The app's consumer of trigger events: one thread running a {@link TriggerLoop} whose handler plans the event's run
 * and starts it through {@link RunCommands}, the same path as {@code POST /api/runs}. A refusal of the API (a 4xx:
 * unknown language, a recipe that does not fit the source) is the event's fault and dead-letters it.
 */
@ApplicationScoped
public class TriggerConsumer {
    private static final Logger LOG = Logger.getLogger(TriggerConsumer.class);

    @Inject
    PaloSettings settings;
    /** The environment's Kafka and topics ({@code PALO_KAFKA_BOOTSTRAP}, {@code PALO_TRIGGERS_TOPIC}, …). */
    @Inject
    KafkaSettings environment;
    @Inject
    TriggerPlanner planner;
    @Inject
    RunCommands commands;
    @Inject
    TriggerStats stats;
    @Inject
    RunSearchAttributes searchAttributes;

    private TriggerLoop loop;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        PaloSettings.Triggers triggers = settings.triggers();
        if (!triggers.enabled()) {
            LOG.info("palo.triggers.enabled=false: trigger events are not consumed by this app");
            return;
        }
        KafkaSettings kafka = kafka(triggers);
        TriggerTopics topics = new TriggerTopics(kafka.triggersTopic(), kafka.deadLetterTopic(), triggers.partitions(),
                triggers.maxEventBytes());
        topics.ensure(kafka.producer("palo-triggers-admin"));
        searchAttributes.register();
        Properties consumer = kafka.consumer(triggers.group(), "palo-triggers-" + ProcessHandle.current().pid());
        consumer.put("max.poll.records", "200");
        consumer.put("session.timeout.ms", Integer.toString(triggers.sessionTimeoutMs()));
        loop = new TriggerLoop(topics, consumer, kafka.producer("palo-triggers-dlq"), this::startRun, stats);
        thread = new Thread(loop, "palo-triggers");
        thread.start();
        LOG.infof("consuming trigger events from %s at %s (group %s); poison events go to %s", topics.triggers(),
                kafka.bootstrap(), triggers.group(), topics.deadLetters());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(10_000);
        }
    }

    private void startRun(byte[] value, String position) {
        TriggerPlanner.PlannedRun run = planner.plan(value, position);
        try {
            String runId = commands.start(run.request(), run.origin());
            LOG.infof("trigger %s (%s, key %s) -> run %s", position, run.origin().trigger().kind(),
                    run.origin().trigger().eventId(), runId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() >= 500) {
                throw e;
            }
            throw new PoisonEvent(PoisonEvent.INVALID_RUN, e.getMessage());
        }
    }

    /** The environment's Kafka with the configured topics, where set. */
    private KafkaSettings kafka(PaloSettings.Triggers triggers) {
        String topic = triggers.topic().orElse(environment.triggersTopic());
        return new KafkaSettings(environment.bootstrap(), environment.eventsTopic(), topic,
                triggers.dlqTopic().orElse(triggers.topic().isPresent() ? topic + ".dlq"
                        : environment.deadLetterTopic()));
    }
}
