package dev.palo.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    private static final String ENDPOINT = "https://api.example.com/v1";

    @TempDir
    Path secrets;

    private ApiKeys keys(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put(ApiKeys.SECRETS_DIR, secrets.toString());
        env.put(SecretBindings.BINDINGS, "OPENAI_KEY=https://api.example.com;HOME=https://api.example.com");
        return new ApiKeys(env);
    }

    @Test
    void prefixedVariableWinsOverTheSecretFile() throws Exception {
        Files.writeString(secrets.resolve("OPENAI_KEY"), "from-file\n");
        assertEquals(Optional.of("from-env"),
                keys(Map.of("PALO_SECRET_OPENAI_KEY", "from-env")).resolve("OPENAI_KEY", ENDPOINT));
    }

    @Test
    void secretFileIsReadAndTrimmed() throws Exception {
        Files.writeString(secrets.resolve("OPENAI_KEY"), "from-file\n");
        assertEquals(Optional.of("from-file"), keys(Map.of()).resolve("OPENAI_KEY", ENDPOINT));
    }

    @Test
    void aBoundNameNeverReadsTheWorkersOwnVariables() throws Exception {
        // HOME is on this allow-list, but only PALO_SECRET_HOME or a file HOME could hold its value.
        assertEquals(Optional.empty(), keys(Map.of("HOME", "/home/worker")).resolve("HOME", ENDPOINT));
    }

    @Test
    void unlistedSecretsAndInfrastructureCredentialsCannotBeSelected() {
        ApiKeys keys = keys(Map.of("PALO_S3_SECRET_KEY", "s3-secret", "OTHER", "x"));
        for (String name : new String[] {"PALO_S3_SECRET_KEY", "OTHER", "MISSING"}) {
            SecretNotAllowedException refused = assertThrows(SecretNotAllowedException.class,
                    () -> keys.resolve(name, ENDPOINT));
            assertTrue(refused.getMessage().contains("allow-list"), refused.getMessage());
            assertFalse(refused.getMessage().contains("s3-secret"), refused.getMessage());
        }
        assertThrows(SecretNotAllowedException.class, () -> keys.resolve("../etc/passwd", ENDPOINT));
    }

    @Test
    void aBoundSecretIsRefusedForAnotherOrigin() {
        ApiKeys keys = keys(Map.of("PALO_SECRET_OPENAI_KEY", "sk-bound"));
        for (String url : new String[] {"http://api.example.com/v1", "https://api.example.com:8443/v1",
                "https://evil.example.net/v1", "https://api.example.com.evil.net/v1"}) {
            SecretNotAllowedException refused = assertThrows(SecretNotAllowedException.class,
                    () -> keys.resolve("OPENAI_KEY", url));
            assertTrue(refused.getMessage().contains("may only be sent to [https://api.example.com:443]"),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains("sk-bound"), refused.getMessage());
        }
    }

    @Test
    void requireFailsTheActivityWithoutRetryNamingTheSecretNotItsValue() {
        ApiKeys keys = keys(Map.of("PALO_SECRET_OPENAI_KEY", "sk-bound"));
        assertEquals("sk-bound", keys.require("OPENAI_KEY", "https://API.example.com:443/v1", "key"));
        assertEquals(null, keys.require(null, "https://anywhere", "key"));

        ApplicationFailure refused = assertThrows(ApplicationFailure.class,
                () -> keys.require("OPENAI_KEY", "http://127.0.0.1:9/v1", "translate API key"));
        assertEquals(FailureTypes.SECRET_NOT_ALLOWED, refused.getType());
        assertTrue(refused.isNonRetryable());
        assertFalse(refused.getOriginalMessage().contains("sk-bound"));

        ApplicationFailure missing = assertThrows(ApplicationFailure.class,
                () -> keys.require("HOME", ENDPOINT, "translate API key"));
        assertEquals(FailureTypes.MISSING_SECRET, missing.getType());
        assertTrue(missing.getOriginalMessage().contains("PALO_SECRET_HOME"), missing.getOriginalMessage());
    }
}
