package dev.palo.data.measure;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap, GC and resident-memory readings the benchmarks print (the heap targets are about peaks). */
public final class JvmMemory {
    private JvmMemory() {
    }

    /** Collects, then starts every pool's peak afresh, so the next reading covers only what follows. */
    public static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap in use at any one time. */
    public static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    public static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Current and peak resident set size from /proc (Linux); "n/a" elsewhere. */
    public static String rss() {
        try {
            String current = "?";
            String peak = "?";
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    current = line.substring(6).trim();
                } else if (line.startsWith("VmHWM:")) {
                    peak = line.substring(6).trim();
                }
            }
            return current + " (peak " + peak + ")";
        } catch (IOException e) {
            return "n/a";
        }
    }
}
