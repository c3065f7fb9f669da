package dev.palo.services.cli;

import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.RunStatus;
import dev.palo.services.runs.StartRunRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./palo demo}: the whole recipe offline on PALO-mini, ending in the run's Table 1. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The whole PALO recipe offline on PALO-mini: runs the language registry's default set (the"
                + " paper's ten: English + nine translated) through every stage with the platform's own models: local"
                + " translator, simulated review (labelled SIMULATED everywhere), translator fine-tune, re-translate,"
                + " dataset-build, base models, projector pretraining, LoRA fine-tuning of the baseline and PALO arms,"
                + " and evaluation on the multilingual bench. Prints the paper's Table 1 for the run.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--size", defaultValue = "demo", paramLabel = "SIZE",
            description = "PALO-mini size: tiny finishes in a few minutes (default ${DEFAULT-VALUE})")
    String size;
    @Option(names = "--languages", split = ",", paramLabel = "CODES",
            description = "target languages (default: the registry's default set, all nine; other registered"
                    + " languages, such as de, are named here: --languages de,ar)")
    List<String> languages;
    @Option(names = "--request", defaultValue = "services/demo-run.json", paramLabel = "FILE",
            description = "the run request the demo sends, before --size and --languages (default ${DEFAULT-VALUE})")
    Path requestFile;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        StartRunRequest request = DemoRequests.read(requestFile, size, languages);
        if (api.dryRun) {
            return 0;
        }
        ApiClient client = api.client();
        System.out.println("palo demo: starting the run (PALO-mini " + size + ", languages "
                + (languages == null ? "of the registry's default set" : String.join(",", languages))
                + "); first use generates the data");
        String id = client.start(request);
        System.out.println("palo demo: dashboard: " + api.api + "/runs/" + id + " (all runs: " + api.api
                + "/; log in with a token from ./palo token --user NAME --role viewer|operator|admin)");
        RunDetail ended = RunWatch.untilEnded(client, id, System.out);
        if (!RunStatus.COMPLETED.equals(ended.status())) {
            System.err.println("palo demo: run " + id + " did not complete; see " + api.api + "/api/runs/" + id);
            return 1;
        }
        System.out.println();
        System.out.println(client.report(id));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("palo demo: finished in %d min %d s%n", took.toMinutes(), took.toSecondsPart());
        return 0;
    }
}
