package dev.palo.benchmarks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.palo.activities.tracking.MlflowTracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./palo bench [--quick] [--rows a,b] [--repeats N] [--out DIR]}: runs the registered rows one after the other
 * in this process (anchors as its child processes), prints one table and writes it as {@code bench.json} and
 * {@code bench.md} under the output folder ({@code $PALO_HOME/bench/<time>} unless {@code --out}); logs it to MLflow
 * when {@code PALO_MLFLOW_URI} is set. A row that fails is printed as not measured with its error; the others run.
 */
public final class BenchMain {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> asked = List.of();
        int repeats = 3;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rows" -> asked = List.of(value(args, ++i).split(","));
                case "--repeats" -> repeats = Integer.parseInt(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "-h", "--help" -> {
                    System.out.println("usage: ./palo bench [--quick] [--rows " + String.join(",",
                            BenchRegistry.standard().names()) + "] [--repeats N (>= 3)] [--out DIR]");
                    return;
                }
                default -> throw new IllegalArgumentException("./palo bench: unknown option '" + args[i] + "'");
            }
        }
        Map<String, String> env = System.getenv();
        Path paloHome = Path.of(env.getOrDefault("PALO_HOME", ".palo")).toAbsolutePath();
        Path root = Path.of(System.getProperty("palo.root", ".")).toAbsolutePath().normalize();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (out == null) {
            out = paloHome.resolve("bench").resolve(started.toString().replace(':', '-'));
        }
        Files.createDirectories(out);
        BenchRegistry registry = BenchRegistry.standard();
        List<String> names = registry.select(asked);
        BenchContext context = new BenchContext(quick, 1, repeats, root, PythonAnchor.interpreter(paloHome),
                paloHome.resolve("venv-model").resolve("bin").resolve("python3"), out.resolve("work"), env);
        List<BenchResult> results = new ArrayList<>();
        for (String name : names) {
            String before = LoadAverage.now();
            System.out.println("bench: " + name + " (load " + before + ")");
            List<BenchFigure> figures;
            try {
                figures = registry.create(name).measure(context);
            } catch (Exception | OutOfMemoryError e) {
                // one row's failure (a stack part down, the heap limit hit) leaves the others to run
                e.printStackTrace();
                figures = List.of(BenchFigure.notMeasured(name, null, "the row failed: " + e));
            }
            String after = LoadAverage.now();
            figures.forEach(figure -> results.add(new BenchResult(name, figure, before, after)));
        }
        BenchContext.deleteTree(context.work());
        String command = "./palo bench" + (args.length == 0 ? "" : " " + String.join(" ", args));
        BenchReport report = new BenchReport(command, started.toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Runtime.getRuntime().availableProcessors(),
                quick, repeats, results);
        byte[] json = JSON.writeValueAsBytes(report);
        Files.write(out.resolve("bench.json"), json);
        String table = BenchTable.render(report);
        Files.writeString(out.resolve("bench.md"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(command + " — " + report.processors() + " processors, " + started + " to " + report.ended());
        System.out.print(table);
        System.out.println("written: " + out.resolve("bench.json") + ", " + out.resolve("bench.md"));
        String mlflow = env.get(MlflowTracker.TRACKING_URI);
        if (mlflow != null && !mlflow.isBlank() && BenchMlflow.reachable(mlflow)) {
            try {
                System.out.println("MLflow run " + BenchMlflow.log(new MlflowTracker(mlflow), report, json) + " at "
                        + mlflow + " (experiment " + BenchMlflow.EXPERIMENT + ")");
            } catch (Exception e) {
                System.out.println("MLflow at " + mlflow + " not logged: " + e.getMessage());
            }
        } else {
            System.out.println("MLflow not logged: no server answers at " + (mlflow == null ? "PALO_MLFLOW_URI (unset)"
                    : mlflow));
        }
        // the Temporal test environment and HTTP clients of the rows leave non-daemon threads behind
        System.exit(0);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("./palo bench: " + args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
