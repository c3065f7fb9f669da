package dev.palo.services.triggers;

import dev.palo.activities.events.KafkaSettings;
import dev.palo.services.runs.RunCommands;
import dev.palo.services.runs.RunSearchAttributes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The app's consumer of trigger events: one thread running a {@link TriggerLoop} whose handler plans the event's run
 * and starts it through {@link RunCommands}, the same path as {@code POST /api/runs}. A refusal of the API (a 4xx:
 * unknown language, a recipe that does not fit the source) is the event's fault and dead-letters it.
 */
@ApplicationScoped
public class TriggerConsumer {
    private static final Logger LOG = Logger.getLogger(TriggerConsumer.class);

    @ConfigProperty(name = "palo.triggers.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "palo.triggers.group", defaultValue = "palo-triggers")
    String group;
    @ConfigProperty(name = "palo.triggers.partitions", defaultValue = "3")
    int partitions;
    @ConfigProperty(name = "palo.triggers.max-event-bytes", defaultValue = "1048576")
    int maxEventBytes;
    @ConfigProperty(name = "palo.triggers.session-timeout-ms", defaultValue = "45000")
    int sessionTimeoutMs;
    /** Topic names beyond the environment's ({@code PALO_TRIGGERS_TOPIC}); the tests use their own. */
    @ConfigProperty(name = "palo.triggers.topic")
    Optional<String> topic;
    @ConfigProperty(name = "palo.triggers.dlq-topic")
    Optional<String> deadLetterTopic;

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
        if (!enabled) {
            LOG.info("palo.triggers.enabled=false: trigger events are not consumed by this app");
            return;
        }
        KafkaSettings kafka = settings();
        TriggerTopics topics = new TriggerTopics(kafka.triggersTopic(), kafka.deadLetterTopic(), partitions,
                maxEventBytes);
        topics.ensure(kafka.producer("palo-triggers-admin"));
        searchAttributes.register();
        Properties consumer = kafka.consumer(group, "palo-triggers-" + ProcessHandle.current().pid());
        consumer.put("max.poll.records", "200");
        consumer.put("session.timeout.ms", Integer.toString(sessionTimeoutMs));
        loop = new TriggerLoop(topics, consumer, kafka.producer("palo-triggers-dlq"), this::startRun, stats);
        thread = new Thread(loop, "palo-triggers");
        thread.start();
        LOG.infof("consuming trigger events from %s at %s (group %s); poison events go to %s", topics.triggers(),
                kafka.bootstrap(), group, topics.deadLetters());
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

    private KafkaSettings settings() {
        KafkaSettings env = KafkaSettings.fromEnvironment(System.getenv());
        String triggers = topic.orElse(env.triggersTopic());
        return new KafkaSettings(env.bootstrap(), env.eventsTopic(), triggers,
                deadLetterTopic.orElse(topic.isPresent() ? triggers + ".dlq" : env.deadLetterTopic()));
    }
}
