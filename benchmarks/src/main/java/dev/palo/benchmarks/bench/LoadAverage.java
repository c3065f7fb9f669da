package dev.palo.benchmarks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load from {@code /proc/loadavg} (1, 5 and 15 minute averages), read before and after each row: on a
 * shared machine a figure means little without it.
 */
public final class LoadAverage {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** "1.52 1.40 1.30", or "n/a" where the file is missing (not Linux). */
    public static String now() {
        try {
            String[] fields = Files.readString(LOADAVG).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "n/a";
        }
    }
}
