package dev.palo.services.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the API is and the token the CLI sends: those {@code ./palo} prepared before starting the app. */
final class ApiOptions {
    @Option(names = "--api", defaultValue = "http://127.0.0.1:${env:PALO_API_PORT:-8080}", paramLabel = "URL",
            description = "the services app (default ${DEFAULT-VALUE})")
    String api;
    @Option(names = "--token-file", defaultValue = "${env:PALO_HOME:-.palo}/auth/cli-operator.token",
            paramLabel = "FILE", description = "a bearer token (default: the CLI's own operator token, ${DEFAULT-VALUE})")
    Path tokenFile;
    /** Checks the options and the request, and stops: {@code ./palo} asks this before it starts the app. */
    @Option(names = "--dry-run", hidden = true)
    boolean dryRun;

    ApiClient client() throws IOException {
        return new ApiClient(api, ApiClient.readToken(tokenFile));
    }
}
