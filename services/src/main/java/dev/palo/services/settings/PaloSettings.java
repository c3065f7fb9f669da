package dev.palo.services.settings;

import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.services.auth.OidcSettings;
import dev.palo.services.auth.TokenIssuer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The services app's own settings ({@code palo.*}), one typed object injected where they are used. Each property is
 * also its upper-case variable by SmallRye's rule ({@code palo.triggers.group} ← {@code PALO_TRIGGERS_GROUP});
 * application.properties maps the variables whose names differ ({@code PALO_HOME}, {@code PALO_TEMPORAL_UI}). Each
 * default is stated once: here with {@code @WithDefault}, or in application.properties where it is an expression.
 * What a standalone worker reads too (Temporal, S3, MLflow, Kafka, secrets) is {@link WorkerEnvironment}, one bean
 * ({@link PlatformEnvironment}); the groups here only override parts of it.
 */
@ConfigMapping(prefix = "palo")
public interface PaloSettings {
    /**
     * {@code PALO_HOME}, where {@code ./palo} keeps the installation: the generated PALO-mini trees go under it
     * ({@code data/}); unset, under the worker's work folder.
     */
    Optional<Path> home();

    Auth auth();

    Secrets secrets();

    Temporal temporal();

    Worker worker();

    Triggers triggers();

    Links links();

    /** Bearer tokens: the embedded default's keys and issuer, the run-start limit, the dashboard's OIDC sign-in. */
    interface Auth {
        /**
         * The embedded default's signing-key folder ({@code PALO_HOME/auth}): {@code ./palo token} writes the pair,
         * the app verifies with its public half unless {@code PALO_AUTH_PUBLIC_KEY} points elsewhere.
         */
        Path keysDir();

        /** {@code PALO_AUTH_ISSUER}: the issuer tokens are signed for and verified against. */
        @WithDefault(TokenIssuer.EMBEDDED_ISSUER)
        String issuer();

        /** Run starts per caller and minute ({@code RunStartLimiter}). */
        @WithDefault("30")
        int runStartsPerMinute();

        OidcSettings oidc();
    }

    /**
     * The operator's secrets ({@code PALO_SECRETS_BINDINGS}, {@code PALO_SECRETS_BINDINGS_FILE},
     * {@code PALO_SECRETS_DIR}) as Quarkus config, so tests can set them too; set, they replace the variables in the
     * app's {@link WorkerEnvironment}.
     */
    interface Secrets {
        Optional<String> bindings();

        Optional<String> bindingsFile();

        /** The folder of secret files, for a worker whose secrets are mounted rather than variables. */
        Optional<String> dir();
    }

    interface Temporal {
        /** Overrides {@code PALO_TEMPORAL_NAMESPACE}; tests use it to keep their runs apart from other workers. */
        Optional<String> namespace();
    }

    interface Worker {
        /** This process also polls palo-cpu and palo-gpu, unless a separate worker pool does. */
        @WithDefault("true")
        boolean enabled();
    }

    /** The trigger-event consumer; its topics default to the worker environment's ({@code PALO_TRIGGERS_TOPIC}). */
    interface Triggers {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("palo-triggers")
        String group();

        @WithDefault("3")
        int partitions();

        @WithDefault("1048576")
        int maxEventBytes();

        @WithDefault("45000")
        int sessionTimeoutMs();

        /** A topic other than the environment's; the tests use their own. */
        Optional<String> topic();

        /** Its dead letters; left out, {@code <topic>.dlq} of the topic above. */
        Optional<String> dlqTopic();

        /** Where operators keep named recipes ({@code <name>.json}); unset, the built-in ones only. */
        Optional<Path> recipesDir();
    }

    /** Where the links in run views point. */
    interface Links {
        /** The MLflow UI; left out, the tracking server the worker logs to ({@code PALO_MLFLOW_URI}). */
        Optional<String> mlflow();

        /** The Temporal UI ({@code PALO_TEMPORAL_UI}, default in application.properties). */
        String temporalUi();
    }
}
