package dev.palo.data.cli;

import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.validate.LlavaValidator;
import dev.palo.data.validate.RejectReason;
import dev.palo.data.validate.ValidationConfig;
import dev.palo.data.validate.ValidationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code palo data validate}: splits a LLaVA/PALO JSON file into accepted records and a quarantine with reasons. */
@Command(name = "validate", header = "Validate a LLaVA / PALO JSON file; bad records go to a quarantine with their reason.",
        description = "Validate a LLaVA / PALO JSON file record by record (streaming, constant memory). Accepted records "
                + "go to --out, rejected ones with their reason to --quarantine (JSON lines); a table of counts per reason "
                + "is printed. Exit code 0 when the file was processed, whatever was rejected.")
public final class ValidateCommand implements Callable<Integer> {

    private static final String PROGRESS_STAGE = "validate (bytes)";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "LLaVA JSON file: a top-level array of records.")
    Path file;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Image root the records' 'image' paths are relative to; without it images are not checked.")
    Path images;

    @Option(names = "--out", paramLabel = "FILE", description = "Accepted records (default: FILE with .accepted.json).")
    Path out;

    @Option(names = "--quarantine", paramLabel = "FILE",
            description = "Rejected records, JSON lines (default: FILE with .quarantine.jsonl).")
    Path quarantine;

    @Option(names = "--max-record-bytes", paramLabel = "N", defaultValue = "" + ValidationConfig.DEFAULT_MAX_RECORD_BYTES,
            description = "Reject records larger than N bytes (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "input file " + file + " does not exist");
        }
        if (images != null && !Files.isDirectory(images)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--images " + images + " is not a directory");
        }
        Path accepted = out != null ? out : sibling(".accepted.json");
        Path rejected = quarantine != null ? quarantine : sibling(".quarantine.jsonl");
        for (Path output : new Path[] {accepted, rejected}) {
            if (Files.exists(output) && Files.isSameFile(output, file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "output " + output + " would overwrite the input");
            }
        }
        ValidationConfig config;
        try {
            config = new ValidationConfig(images, maxRecordBytes, LanguageRegistry.palo());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-record-bytes: " + e.getMessage(), e);
        }
        // progress is measured in bytes: the record count of a streamed file is unknown until its end
        StageProgressBar progress = new StageProgressBar(System.err, System.console() != null);
        long size = Files.size(file);
        long started = System.nanoTime();
        ValidationResult result = new LlavaValidator(config).validate(file, accepted, rejected,
                (records, bytesRead) -> progress.update(PROGRESS_STAGE, bytesRead, size));
        progress.update(PROGRESS_STAGE, size, size);
        printSummary(spec.commandLine().getOut(), result, (System.nanoTime() - started) / 1e9, accepted, rejected);
        return 0;
    }

    private Path sibling(String suffix) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return file.resolveSibling(stem + suffix);
    }

    private static void printSummary(PrintWriter out, ValidationResult result, double seconds, Path accepted, Path rejected) {
        String row = "%-28s %,12d%n";
        out.printf(Locale.ROOT, "%-28s %12s%n", "outcome", "records");
        out.printf(Locale.ROOT, row, "accepted", result.accepted());
        for (Map.Entry<RejectReason, Long> count : result.rejected().entrySet()) {
            out.printf(Locale.ROOT, row, count.getKey().code(), count.getValue());
        }
        out.printf(Locale.ROOT, row, "total", result.records());
        result.fileProblems().forEach(problem -> out.println("file problem: " + problem));
        out.printf(Locale.ROOT, "%,d bytes in %.1f s (%,.0f records/s)%n", result.bytes(), seconds,
                result.records() / Math.max(seconds, 1e-9));
        out.println("accepted:   " + accepted);
        out.println("quarantine: " + rejected);
        out.flush();
    }
}
