package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.TargetLanguage;
import io.temporal.activity.ActivityInterface;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A standalone worker's log with {@code PALO_LOG_FORMAT=json}, through the shipped logback.xml: each line an
 * activity logs is one JSON object whose MDC names the run, language and stage, and a secret the request carried
 * appears nowhere.
 */
class JsonLogTest {
    private static final String SECRET = "sk-recognisable-" + java.util.UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stage request the way the platform's look: a run id, a language, and a value that must never be logged. */
    public record LoggingRequest(String runId, TargetLanguage language, String apiKey) {
    }

    @ActivityInterface
    public interface LoggingActivities {
        int translateSome(LoggingRequest request);
    }

    public static final class LoggingActivitiesImpl implements LoggingActivities {
        @Override
        public int translateSome(LoggingRequest request) {
            LoggerFactory.getLogger(LoggingActivitiesImpl.class).info("translated {} records", 3);
            return 3;
        }
    }

    @Test
    void eachLineIsJsonNamingRunLanguageAndStageAndNoSecret() throws Exception {
        List<String> lines = logAsJson(() -> {
            TestActivityEnvironment env = TestActivityEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                    .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                            .setWorkerInterceptors(new ActivityLogContext()).build())
                    .build());
            try {
                env.registerActivitiesImplementations(new LoggingActivitiesImpl());
                assertEquals(3, env.newActivityStub(LoggingActivities.class)
                        .translateSome(new LoggingRequest("run-json-42", new TargetLanguage("ar", "Arabic"), SECRET)));
            } finally {
                env.close();
            }
            LoggerFactory.getLogger(JsonLogTest.class).warn("outside any activity");
        });
        JsonNode activityLine = null;
        for (String line : lines) {
            JsonNode node = JSON.readTree(line); // every line parses on its own
            assertTrue(node.isObject(), line);
            assertFalse(line.contains(SECRET), "the secret is in the log: " + line);
            if ("translated 3 records".equals(node.path("formattedMessage").asText())) {
                activityLine = node;
            }
        }
        assertTrue(activityLine != null, "the activity's line is missing: " + lines);
        JsonNode mdc = activityLine.path("mdc");
        assertEquals("run-json-42", mdc.path(ActivityLogContext.RUN_ID).asText(), activityLine.toString());
        assertEquals("ar", mdc.path(ActivityLogContext.LANGUAGE).asText());
        assertEquals("TranslateSome", mdc.path(ActivityLogContext.STAGE).asText());
        assertEquals("INFO", activityLine.path("level").asText());
        JsonNode outside = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals("outside any activity", outside.path("formattedMessage").asText());
        assertFalse(outside.path("mdc").has(ActivityLogContext.RUN_ID), "the context outlived its activity: " + outside);
    }

    /** Runs {@code body} with logback configured from the shipped logback.xml in JSON mode; returns the lines. */
    private static List<String> logAsJson(ThrowingRunnable body) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("PALO_LOG_FORMAT", "json"); // logback reads system properties before the environment
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            configure(context, "logback.xml");
            body.run();
        } finally {
            System.clearProperty("PALO_LOG_FORMAT");
            System.setErr(stderr);
            configure(context, "logback-test.xml");
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    private static void configure(LoggerContext context, String resource) throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogTest.class.getClassLoader().getResource(resource));
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
