package dev.palo.services.cli;

import dev.palo.services.runs.RunStatus;
import dev.palo.services.runs.StartRunRequest;
import dev.palo.services.studies.StartStudyRequest;
import dev.palo.services.studies.StudyView;
import dev.palo.workflows.study.StudyMemberState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./palo study}: one recipe over fine-tune seeds × data seeds, ending in its tables with intervals. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one recipe (a run request with training; default: the demo's) once per fine-tune seed ×"
                + " data seed as pipeline runs of a durable study, reusing every cached stage (only dataset-build,"
                + " fine-tune and evaluation depend on the seeds), and prints per metric (the content score, chrF, the"
                + " in-language rate) each arm's mean ± sd over the runs and PALO − baseline with a paired bootstrap"
                + " 95%% CI, per language, Avg.H and Avg.L.")
final class StudyCommand implements Callable<Integer> {
    /** Each redraw asks for the study's runs: a query of the study's workflow. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Option(names = "--request", defaultValue = "services/demo-run.json", paramLabel = "FILE",
            description = "the recipe: a run request with training, before --size and --languages (default"
                    + " ${DEFAULT-VALUE})")
    Path requestFile;
    @Option(names = "--size", defaultValue = "demo", paramLabel = "SIZE",
            description = "PALO-mini size (default ${DEFAULT-VALUE}; tiny for a quick look)")
    String size;
    @Option(names = "--languages", split = ",", paramLabel = "CODES",
            description = "target languages (default: the request's, else the registry's default set)")
    List<String> languages;
    @Option(names = "--finetune-seeds", split = ",", paramLabel = "SEEDS", defaultValue = "42,43,44",
            description = "fine-tune seeds: data order and dropout of both arms (default ${DEFAULT-VALUE})")
    List<Long> finetuneSeeds;
    @Option(names = "--data-seeds", split = ",", paramLabel = "SEEDS", defaultValue = "7,8",
            description = "data seeds: the dataset-build's shuffle of both arms' records (default ${DEFAULT-VALUE})")
    List<Long> dataSeeds;
    @Option(names = "--step-matched-baseline",
            description = "the step-matched control: every run's English-only baseline arm trains as many optimizer"
                    + " steps as its PALO arm (PALO arms are cache hits of the same seeds' plain study)")
    boolean stepMatchedBaseline;
    @Option(names = "--single-language-arms",
            description = "the paper's Table 2: each run also fine-tunes one arm per target language on that language's"
                    + " translated set alone, each evaluated in English and every target language (runs × languages"
                    + " more fine-tunes and evaluations)")
    boolean singleLanguageArms;
    @Option(names = "--resamples", paramLabel = "N", defaultValue = "10000",
            description = "bootstrap resamples of the intervals (default ${DEFAULT-VALUE})")
    int resamples;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        StartRunRequest recipe = DemoRequests.read(requestFile, size, languages, stepMatchedBaseline);
        if (api.dryRun) {
            return 0;
        }
        ApiClient client = api.client();
        System.out.println("palo study: " + finetuneSeeds.size() * dataSeeds.size() + " runs of " + requestFile
                + " on PALO-mini " + size + " (fine-tune seeds " + finetuneSeeds + " × data seeds " + dataSeeds
                + "); first use generates the data");
        String id = client.startStudy(new StartStudyRequest(recipe, finetuneSeeds, dataSeeds, resamples,
                singleLanguageArms));
        System.out.println("palo study: " + id + " (each run on the dashboard: " + api.api + "/runs/<run>)");
        StudyView ended = untilEnded(client, id);
        if (!RunStatus.COMPLETED.equals(ended.status())) {
            System.err.println("palo study: study " + id + " ended " + ended.status() + "; see " + api.api
                    + "/api/studies/" + id);
            return 1;
        }
        System.out.println();
        System.out.println(client.studyReport(id));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("palo study: finished in %d h %d min%n", took.toHours(), took.toMinutesPart());
        return 0;
    }

    /** Prints each run's state whenever one changes, until the study ends. */
    private static StudyView untilEnded(ApiClient client, String id) throws Exception {
        String previous = "";
        while (true) {
            StudyView study = client.study(id);
            StringBuilder lines = new StringBuilder();
            for (StudyMemberState run : java.util.stream.Stream.concat(study.runs().stream(),
                    study.singleLanguageArms().stream()).toList()) {
                lines.append(String.format("  %-48s fine-tune seed %-4d data seed %-4d %s%s%n", run.member().runId(),
                        run.member().finetuneSeed(), run.member().dataSeed(), run.state(),
                        run.error() == null ? "" : ": " + run.error()));
            }
            if (!lines.toString().equals(previous)) {
                System.out.print(lines);
                System.out.flush();
                previous = lines.toString();
            }
            if (!RunStatus.RUNNING.equals(study.status())) {
                return study;
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
