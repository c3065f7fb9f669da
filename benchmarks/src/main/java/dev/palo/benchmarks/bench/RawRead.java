package dev.palo.benchmarks.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw-read anchor: {@code cat FILES > /dev/null} as a process, the rate the disk (here, the page cache the files
 * were just written to) allows any reader of the same bytes.
 */
public final class RawRead {
    private RawRead() {
    }

    /** Seconds {@code cat} takes to read the files once. */
    public static double seconds(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cat"));
        files.forEach(file -> command.add(file.toString()));
        long start = System.nanoTime();
        Process cat = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int exit = cat.waitFor();
        double seconds = Repeats.secondsSince(start);
        if (exit != 0) {
            throw new IOException("cat " + files + " exited with " + exit);
        }
        return seconds;
    }

    /** The anchor as a measure: MB/s of {@code bytes} over each repeat. */
    public static Measure rate(BenchContext context, List<Path> files, long bytes) throws Exception {
        List<Double> rates = Repeats.of(context, index -> bytes / 1e6 / seconds(files));
        return Measure.of(rates, "MB/s", "cat of the same " + files.size() + " file(s), " + bytes / 1_000_000
                + " MB, to /dev/null");
    }
}
