package dev.palo.activities.llm;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which secrets a run may name, and where each may be sent: the operator's allow-list, never the
 * request's. A secret is selectable only when bound here to one or more endpoint origins
 * (scheme://host:port); the key then goes to those origins and nowhere else. Read from
 * <ul>
 *   <li>{@code PALO_SECRETS_BINDINGS}: {@code name=origin[,origin…][;name=…]}, e.g.
 *       {@code openai=https://api.openai.com;vllm=http://10.0.0.5:8000}</li>
 *   <li>{@code PALO_SECRETS_BINDINGS_FILE}: a properties file, one {@code name = origin[, origin…]} per line</li>
 * </ul>
 * Both may be set; a name bound in both gets the union. The secrets' values live elsewhere ({@link ApiKeys}).
 */
public final class SecretBindings {
    public static final String BINDINGS = "PALO_SECRETS_BINDINGS";
    public static final String BINDINGS_FILE = "PALO_SECRETS_BINDINGS_FILE";
    /** A secret name is also a file name in the secrets folder and part of an env variable name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final Map<String, Set<EndpointOrigin>> origins;

    public SecretBindings(Map<String, Set<EndpointOrigin>> origins) {
        this.origins = Map.copyOf(origins);
    }

    /** The bindings a worker or the API reads from its environment; a malformed entry fails at start. */
    public static SecretBindings fromEnvironment(Map<String, String> env) {
        Map<String, Set<EndpointOrigin>> bound = new TreeMap<>();
        String inline = env.get(BINDINGS);
        if (inline != null) {
            for (String entry : inline.split(";")) {
                if (!entry.isBlank()) {
                    int eq = entry.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException(BINDINGS + ": expected name=origin[,origin], got '"
                                + entry.strip() + "'");
                    }
                    bind(bound, entry.substring(0, eq), entry.substring(eq + 1), BINDINGS);
                }
            }
        }
        String file = env.get(BINDINGS_FILE);
        if (file != null && !file.isBlank()) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException(BINDINGS_FILE + ": cannot read " + file + ": " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(name -> bind(bound, name, properties.getProperty(name), file));
        }
        return new SecretBindings(bound);
    }

    private static void bind(Map<String, Set<EndpointOrigin>> bound, String rawName, String rawOrigins, String where) {
        String name = rawName.strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": secret name must be letters, digits, '_', '.' or '-': '"
                    + name + "'");
        }
        Set<EndpointOrigin> set = bound.computeIfAbsent(name, n -> new LinkedHashSet<>());
        Arrays.stream(rawOrigins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(origin -> {
            try {
                set.add(EndpointOrigin.of(origin));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": secret '" + name + "': " + e.getMessage(), e);
            }
        });
        if (set.isEmpty()) {
            throw new IllegalArgumentException(where + ": secret '" + name + "' is bound to no endpoint");
        }
    }

    /**
     * Refuses a secret that is not on the allow-list, or an endpoint the secret is not bound to.
     * The message names the secret and the origins, never a value.
     *
     * @throws SecretNotAllowedException what the API answers with 400 and a worker fails with
     */
    public void check(String secretName, String baseUrl) {
        Set<EndpointOrigin> allowed = origins.get(secretName);
        if (allowed == null) {
            throw new SecretNotAllowedException("secret '" + secretName + "' is not on this platform's allow-list"
                    + (origins.isEmpty() ? " (none is configured)" : " " + origins.keySet())
                    + "; an operator binds secrets to endpoints with " + BINDINGS + " or " + BINDINGS_FILE);
        }
        EndpointOrigin target;
        try {
            target = EndpointOrigin.of(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new SecretNotAllowedException("secret '" + secretName + "': " + e.getMessage());
        }
        if (!allowed.contains(target)) {
            throw new SecretNotAllowedException("secret '" + secretName + "' may only be sent to " + allowed
                    + ", not to " + target);
        }
    }

    /** Secret names on the allow-list. */
    public Set<String> names() {
        return origins.keySet();
    }
}
