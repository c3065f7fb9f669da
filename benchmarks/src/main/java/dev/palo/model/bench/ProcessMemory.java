package dev.palo.model.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc/self/status (Linux): current (VmRSS) and peak (VmHWM). */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    static long residentMiB() {
        return fieldKiB("VmRSS:") / 1024;
    }

    static long peakResidentMiB() {
        return fieldKiB("VmHWM:") / 1024;
    }

    private static long fieldKiB(String field) {
        try {
            return Files.readAllLines(STATUS).stream().filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").strip()))
                    .orElseThrow(() -> new IllegalStateException(field + " not in " + STATUS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS + " (Linux only)", e);
        }
    }
}
