package dev.palo.services.settings;

import dev.palo.activities.events.KafkaSettings;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.SecretBindings;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.activities.worker.WorkerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code PALO_*} variables the app shares with a standalone worker, read once by the worker's own reader
 * ({@link WorkerEnvironment#read}) with the app's configured overrides (secrets, namespace): one object for the app's
 * worker, its clients and the API's secret check, so they always agree and no default is written twice.
 */
@ApplicationScoped
public class PlatformEnvironment {

    @Produces
    @Singleton
    WorkerEnvironment environment(PaloSettings settings) {
        WorkerEnvironment env = WorkerEnvironment.read(withSecrets(System.getenv(), settings.secrets()));
        return settings.temporal().namespace().map(namespace -> env.withWorker(env.worker().inNamespace(namespace)))
                .orElse(env);
    }

    /** The process environment with the secrets as configured. */
    static Map<String, String> withSecrets(Map<String, String> processEnv, PaloSettings.Secrets secrets) {
        Map<String, String> env = new HashMap<>(processEnv);
        secrets.bindings().ifPresent(value -> env.put(SecretBindings.BINDINGS, value));
        secrets.bindingsFile().ifPresent(value -> env.put(SecretBindings.BINDINGS_FILE, value));
        secrets.dir().ifPresent(value -> env.put(ApiKeys.SECRETS_DIR, value));
        return env;
    }

    @Produces
    @Singleton
    WorkerSettings workerSettings(WorkerEnvironment env) {
        return env.worker();
    }

    @Produces
    @Singleton
    S3Settings s3Settings(WorkerEnvironment env) {
        return env.s3();
    }

    @Produces
    @Singleton
    KafkaSettings kafkaSettings(WorkerEnvironment env) {
        return env.kafka();
    }

    @Produces
    @Singleton
    SecretBindings secretBindings(WorkerEnvironment env) {
        return env.apiKeys().bindings();
    }
}
