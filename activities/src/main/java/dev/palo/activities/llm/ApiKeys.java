package dev.palo.activities.llm;

import dev.palo.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves an API key from the NAME that workflows carry, for one endpoint. Only secrets on the
 * operator's allow-list ({@link SecretBindings}) resolve, and only for an endpoint they are bound to;
 * the value comes from the variable {@code PALO_SECRET_<NAME>} or the file {@code <NAME>} in the
 * secrets folder ({@code PALO_SECRETS_DIR}, default {@code /run/secrets}, as Kubernetes and Docker
 * mount them). No other variable of the worker (its store credentials, HOME…) can ever be named.
 * The key itself never leaves the worker, except to its bound endpoints.
 */
public final class ApiKeys {
    public static final String SECRETS_DIR = "PALO_SECRETS_DIR";
    /** Prefix of the variables that hold secret values: {@code PALO_SECRET_OPENAI} holds secret {@code OPENAI}. */
    public static final String ENV_PREFIX = "PALO_SECRET_";

    private final Map<String, String> env;
    private final SecretBindings bindings;

    /** Bindings and values from the same environment. */
    public ApiKeys(Map<String, String> env) {
        this(env, SecretBindings.fromEnvironment(env));
    }

    public ApiKeys(Map<String, String> env, SecretBindings bindings) {
        this.env = Map.copyOf(env);
        this.bindings = bindings;
    }

    public SecretBindings bindings() {
        return bindings;
    }

    /**
     * The key of {@code secretName} for requests to {@code baseUrl}, after checking its binding;
     * empty when the secret is bound but has no value on this worker.
     *
     * @throws SecretNotAllowedException unlisted secret, or an endpoint it is not bound to
     */
    public Optional<String> resolve(String secretName, String baseUrl) throws IOException {
        if (secretName == null || !SecretBindings.NAME.matcher(secretName).matches()) {
            throw new SecretNotAllowedException("secret name must be letters, digits, '_', '.' or '-': " + secretName);
        }
        bindings.check(secretName, baseUrl);
        String fromEnv = env.get(ENV_PREFIX + secretName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        Path file = secretsFolder().resolve(secretName);
        if (Files.isRegularFile(file)) {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        return Optional.empty();
    }

    /**
     * What an activity sends as the key of {@code secretName} to {@code baseUrl}: null without a
     * secret; a non-retryable failure (naming the secret, never a value) when the binding refuses the
     * endpoint or the worker lacks the value. {@code purpose} says which key, for the message.
     */
    public String require(String secretName, String baseUrl, String purpose) {
        if (secretName == null) {
            return null;
        }
        try {
            return resolve(secretName, baseUrl).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                    purpose + " '" + secretName + "' is bound but has no value on this worker: set " + ENV_PREFIX
                            + secretName + " or a file " + secretName + " in " + secretsFolder(),
                    FailureTypes.MISSING_SECRET));
        } catch (SecretNotAllowedException e) {
            throw ApplicationFailure.newNonRetryableFailure(purpose + " refused: " + e.getMessage(),
                    FailureTypes.SECRET_NOT_ALLOWED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret '" + secretName + "'", e);
        }
    }

    public Path secretsFolder() {
        return Path.of(env.getOrDefault(SECRETS_DIR, "/run/secrets"));
    }
}
