package dev.palo.services.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The app's PALO_LOG_FORMAT switch in application.properties, read the way Quarkus reads it: json turns the JSON
 * console and file formats on, text (or nothing) leaves them off, anything else is refused at start.
 */
class LogFormatConfigTest {
    private static final String CONSOLE = "quarkus.log.console.json.enabled";
    private static final String FILE = "quarkus.log.file.json.enabled";

    @Test
    void jsonTurnsTheJsonFormatsOnAndTextOrNothingLeavesThemOff() throws IOException {
        assertEquals(true, config(Map.of("PALO_LOG_FORMAT", "json")).getValue(CONSOLE, Boolean.class));
        assertEquals(true, config(Map.of("PALO_LOG_FORMAT", "json")).getValue(FILE, Boolean.class));
        assertEquals(false, config(Map.of("PALO_LOG_FORMAT", "text")).getValue(CONSOLE, Boolean.class));
        assertEquals(false, config(Map.of()).getValue(CONSOLE, Boolean.class));
    }

    @Test
    void anyOtherFormatIsAnErrorNamingIt() throws IOException {
        SmallRyeConfig config = config(Map.of("PALO_LOG_FORMAT", "xml"));
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> config.getValue(CONSOLE, Boolean.class));
        assertTrue(e.getMessage().contains("palo.log.json-for.xml"), e.getMessage());
    }

    private static SmallRyeConfig config(Map<String, String> environment) throws IOException {
        Properties app = new Properties();
        try (InputStream in = LogFormatConfigTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            app.load(in);
        }
        Map<String, String> properties = new HashMap<>();
        app.stringPropertyNames().forEach(name -> properties.put(name, app.getProperty(name)));
        return new SmallRyeConfigBuilder().addDefaultInterceptors() // expressions expanded, as in Quarkus
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }
}
