package dev.palo.services.platform;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.SecretBindings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's secret bindings, one source for the API's check and the app's own worker, so both
 * always agree. {@code PALO_SECRETS_BINDINGS} / {@code PALO_SECRETS_BINDINGS_FILE} / {@code PALO_SECRETS_DIR} arrive through
 * Quarkus config (the variables map to these properties), which tests can set too.
 */
@ApplicationScoped
public class SecretSettings {
    @ConfigProperty(name = "palo.secrets.bindings")
    Optional<String> bindings;
    @ConfigProperty(name = "palo.secrets.bindings-file")
    Optional<String> bindingsFile;
    /** The folder of secret files (PALO_SECRETS_DIR), for a worker whose secrets are mounted rather than variables. */
    @ConfigProperty(name = "palo.secrets.dir")
    Optional<String> secretsDir;

    /** The process environment, with the bindings as configured. */
    public Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        bindings.ifPresent(value -> env.put(SecretBindings.BINDINGS, value));
        bindingsFile.ifPresent(value -> env.put(SecretBindings.BINDINGS_FILE, value));
        secretsDir.ifPresent(value -> env.put(ApiKeys.SECRETS_DIR, value));
        return env;
    }

    @Produces
    @Singleton
    SecretBindings secretBindings() {
        return SecretBindings.fromEnvironment(workerEnvironment());
    }
}
