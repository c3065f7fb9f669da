package dev.palo.services.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./palo token}: issues a token of the embedded default for a user with roles (and a reviewer's languages),
 * signed with the installation's key, which it creates on first use. The token goes to standard output alone, so
 * {@code TOKEN=$(./palo token …)} works.
 */
@Command(name = "palo token", mixinStandardHelpOptions = true,
        description = "Issue a bearer token for the PALO API and dashboard (the embedded default's own signing key).")
public final class TokenCommand implements Callable<Integer> {
    @Option(names = "--user", required = true, description = "who the token names (recorded with every decision)")
    String user;
    @Option(names = "--role", split = ",", required = true,
            description = "admin, operator, reviewer, viewer (comma-separated)")
    List<String> roles;
    @Option(names = "--languages", split = ",", defaultValue = "",
            description = "a reviewer's language codes (comma-separated)")
    List<String> languages;
    @Option(names = "--ttl", defaultValue = "PT12H", description = "lifetime, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration ttl;
    @Option(names = "--keys", description = "signing key folder (default PALO_HOME/auth)")
    Path keys;

    @Override
    public Integer call() throws Exception {
        Path folder = keys != null ? keys : defaultFolder();
        SigningKeys.ensure(folder);
        TokenIssuer issuer = new TokenIssuer(SigningKeys.readPrivate(folder.resolve(SigningKeys.PRIVATE_KEY)),
                System.getenv().getOrDefault("PALO_AUTH_ISSUER", TokenIssuer.EMBEDDED_ISSUER));
        List<String> codes = languages.stream().filter(code -> !code.isBlank()).toList();
        System.out.println(issuer.issue(user, new LinkedHashSet<>(roles), codes, ttl));
        return 0;
    }

    /** The folder the app reads the public key from, by the same rule as application.properties. */
    static Path defaultFolder() {
        return Path.of(System.getenv().getOrDefault("PALO_HOME", ".palo"), "auth");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenCommand()).execute(args));
    }
}
