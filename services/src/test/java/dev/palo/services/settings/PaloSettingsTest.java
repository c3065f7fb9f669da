package dev.palo.services.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.SecretBindings;
import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The app's settings as Quarkus reads them (application.properties and the environment, without starting Quarkus):
 * each default, the variables that set them, and the Quarkus properties derived from them.
 */
class PaloSettingsTest {

    @Test
    void withoutVariablesEverySettingHasItsDefault() {
        PaloSettings settings = StandaloneSettings.read(Map.of());

        assertEquals(Optional.empty(), settings.home());
        assertEquals(Path.of(".palo", "auth"), settings.auth().keysDir());
        assertEquals("palo-embedded", settings.auth().issuer());
        assertEquals(30, settings.auth().runStartsPerMinute());
        assertFalse(settings.auth().oidc().enabled());
        assertEquals("your organisation", settings.auth().oidc().providerName());
        assertEquals("openid profile email", settings.auth().oidc().scopes());
        assertEquals(Optional.empty(), settings.secrets().bindings());
        assertEquals(Optional.empty(), settings.secrets().bindingsFile());
        assertEquals(Optional.empty(), settings.secrets().dir());
        assertEquals(Optional.empty(), settings.temporal().namespace());
        assertTrue(settings.worker().enabled());
        PaloSettings.Triggers triggers = settings.triggers();
        assertTrue(triggers.enabled());
        assertEquals("palo-triggers", triggers.group());
        assertEquals(3, triggers.partitions());
        assertEquals(1_048_576, triggers.maxEventBytes());
        assertEquals(45_000, triggers.sessionTimeoutMs());
        assertEquals(Optional.empty(), triggers.topic());
        assertEquals(Optional.empty(), triggers.dlqTopic());
        assertEquals(Optional.empty(), triggers.recipesDir());
        assertEquals(Optional.empty(), settings.links().mlflow());
        assertEquals("http://127.0.0.1:8233", settings.links().temporalUi());
    }

    @Test
    void theVariablesSetThem() {
        PaloSettings settings = StandaloneSettings.read(Map.of("PALO_HOME", "/srv/palo",
                "PALO_AUTH_ISSUER", "https://id.example.org", "PALO_AUTH_RUN_STARTS_PER_MINUTE", "5",
                "PALO_TEMPORAL_UI", "https://temporal.example.org", "PALO_TRIGGERS_TOPIC", "t",
                "PALO_TRIGGERS_RECIPES_DIR", "/srv/recipes", "PALO_WORKER_ENABLED", "false",
                "PALO_AUTH_OIDC_ISSUER", "https://id.example.org", "PALO_AUTH_OIDC_CLIENT_ID", "dashboard"));

        assertEquals(Optional.of(Path.of("/srv/palo")), settings.home());
        assertEquals(Path.of("/srv/palo/auth"), settings.auth().keysDir());
        assertEquals("https://id.example.org", settings.auth().issuer());
        assertEquals(5, settings.auth().runStartsPerMinute());
        assertTrue(settings.auth().oidc().enabled());
        assertEquals("https://temporal.example.org", settings.links().temporalUi());
        assertEquals(Optional.of("t"), settings.triggers().topic());
        assertEquals(Optional.of(Path.of("/srv/recipes")), settings.triggers().recipesDir());
        assertFalse(settings.worker().enabled());
    }

    /** SmallRye JWT and the ITs read these as plain properties: derived from the settings, never a second default. */
    @Test
    void quarkusPropertiesFollowTheSettings() {
        SmallRyeConfig defaults = StandaloneSettings.config(Map.of());
        assertEquals("palo-embedded", defaults.getValue("mp.jwt.verify.issuer", String.class));
        assertEquals(".palo/auth/jwt-public.pem", defaults.getValue("mp.jwt.verify.publickey.location", String.class));
        assertEquals(30, defaults.getValue("palo.auth.run-starts-per-minute", Integer.class));

        SmallRyeConfig set = StandaloneSettings.config(Map.of("PALO_HOME", "/srv/palo",
                "PALO_AUTH_ISSUER", "https://id.example.org"));
        assertEquals("https://id.example.org", set.getValue("mp.jwt.verify.issuer", String.class));
        assertEquals("/srv/palo/auth/jwt-public.pem",
                set.getValue("mp.jwt.verify.publickey.location", String.class));
        assertEquals("https://id.example.org/jwks", StandaloneSettings.config(Map.of("PALO_AUTH_PUBLIC_KEY",
                "https://id.example.org/jwks")).getValue("mp.jwt.verify.publickey.location", String.class));
    }

    @Test
    void configuredSecretsReplaceTheVariablesOfTheAppsWorkerEnvironment() {
        PaloSettings settings = StandaloneSettings.read(Map.of("PALO_SECRETS_BINDINGS", "k=https://api.example.org",
                "PALO_SECRETS_DIR", "/run/palo"));
        Map<String, String> env = PlatformEnvironment.withSecrets(Map.of(SecretBindings.BINDINGS, "old=http://x",
                "PALO_S3_BUCKET", "b"), settings.secrets());

        assertEquals("k=https://api.example.org", env.get(SecretBindings.BINDINGS));
        assertEquals("/run/palo", env.get(ApiKeys.SECRETS_DIR));
        assertFalse(env.containsKey(SecretBindings.BINDINGS_FILE));
        assertEquals("b", env.get("PALO_S3_BUCKET"));
    }
}
