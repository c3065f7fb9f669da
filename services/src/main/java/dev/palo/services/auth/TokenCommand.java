package dev.palo.services.auth;

import dev.palo.services.settings.PaloSettings;
import dev.palo.services.settings.StandaloneSettings;
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
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
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
    @Option(names = "--keys", description = "signing key folder (default palo.auth.keys-dir: PALO_HOME/auth)")
    Path keys;

    @Override
    public Integer call() throws Exception {
        PaloSettings.Auth auth = StandaloneSettings.read(System.getenv()).auth();
        Path folder = keys != null ? keys : auth.keysDir();
        SigningKeys.ensure(folder);
        TokenIssuer issuer = new TokenIssuer(SigningKeys.readPrivate(folder.resolve(SigningKeys.PRIVATE_KEY)),
                auth.issuer());
        List<String> codes = languages.stream().filter(code -> !code.isBlank()).toList();
        try {
            System.out.println(issuer.issue(user, new LinkedHashSet<>(roles), codes, ttl));
        } catch (IllegalArgumentException e) {
            // an unknown role or a reviewer without languages is a usage error: say it with the usage, not a trace
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenCommand()).execute(args));
    }
}
