package dev.palo.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBindingsTest {
    @TempDir
    Path dir;

    @Test
    void inlineAndFileBindingsAreUnitedPerName() throws Exception {
        Path file = dir.resolve("bindings.properties");
        Files.writeString(file, "# operator's bindings\nopenai = https://api.openai.com\nvllm=http://10.0.0.5:8000\n");
        SecretBindings bindings = SecretBindings.fromEnvironment(Map.of(
                SecretBindings.BINDINGS, "openai=https://eu.api.openai.com ; local=http://127.0.0.1:8000,http://localhost:8000",
                SecretBindings.BINDINGS_FILE, file.toString()));

        assertEquals(Set.of("openai", "vllm", "local"), bindings.names());
        bindings.check("openai", "https://api.openai.com/v1");
        bindings.check("openai", "https://eu.api.openai.com/v1");
        bindings.check("local", "http://localhost:8000/v1");
        bindings.check("vllm", "http://10.0.0.5:8000/v1/");
        assertThrows(SecretNotAllowedException.class, () -> bindings.check("vllm", "http://10.0.0.5:8001/v1"));
    }

    @Test
    void noConfigurationMeansNoSecretIsSelectable() {
        SecretNotAllowedException refused = assertThrows(SecretNotAllowedException.class,
                () -> SecretBindings.fromEnvironment(Map.of()).check("OPENAI_API_KEY", "https://api.openai.com/v1"));
        assertTrue(refused.getMessage().contains("none is configured"), refused.getMessage());
    }

    @Test
    void malformedBindingsFailAtStartNamingTheEntry() {
        for (String bad : new String[] {"openai", "openai=", "openai=ftp://x", "../x=https://a", "k=https://u:p@host"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecretBindings.fromEnvironment(Map.of(SecretBindings.BINDINGS, bad)), bad);
            assertTrue(e.getMessage().startsWith(SecretBindings.BINDINGS), e.getMessage());
        }
    }

    @Test
    void originsNormaliseDefaultPortsAndCase() {
        assertEquals(EndpointOrigin.of("https://API.Example.com/v1"), EndpointOrigin.of("https://api.example.com:443"));
        assertEquals("http://127.0.0.1:80", EndpointOrigin.of("http://127.0.0.1/v1").toString());
    }
}
