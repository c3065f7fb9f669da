package dev.palo.activities.llm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves an API key from the NAME that workflows carry: an environment variable of that name,
 * else a file of that name in the secrets folder ({@code PALO_SECRETS_DIR}, default
 * {@code /run/secrets}, as Kubernetes and Docker mount them). The key itself never leaves the worker.
 */
public final class ApiKeys {
    public static final String SECRETS_DIR = "PALO_SECRETS_DIR";

    private final Map<String, String> env;

    public ApiKeys(Map<String, String> env) {
        this.env = env;
    }

    public Optional<String> resolve(String secretName) throws IOException {
        if (!secretName.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("secret name must be letters, digits, '_', '.' or '-': " + secretName);
        }
        String fromEnv = env.get(secretName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        Path file = secretsFolder().resolve(secretName);
        if (Files.isRegularFile(file)) {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        return Optional.empty();
    }

    public Path secretsFolder() {
        return Path.of(env.getOrDefault(SECRETS_DIR, "/run/secrets"));
    }
}
