package dev.palo.activities.stage;

import dev.palo.activities.storage.LocalFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One attempt's scratch folder under the worker's work root (staged inputs, partial outputs, training states).
 * Each attempt gets a fresh folder, so a retry on the same worker never reads what a dead attempt half-wrote; closing
 * deletes it with everything in it, on success and on failure alike, so failed attempts do not fill the disk.
 */
public final class ScratchFolder implements AutoCloseable {
    private final Path path;

    private ScratchFolder(Path path) {
        this.path = path;
    }

    /** A new, empty folder {@code <workRoot>/<prefix><random>}; the work root is made when it is missing. */
    public static ScratchFolder create(Path workRoot, String prefix) throws IOException {
        Files.createDirectories(workRoot);
        return new ScratchFolder(Files.createTempDirectory(workRoot, prefix));
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        LocalFolders.delete(path);
    }
}
