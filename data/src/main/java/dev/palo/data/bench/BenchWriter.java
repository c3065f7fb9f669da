package dev.palo.data.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a multilingual LLaVA-Bench in PALO's layout: shared images plus each language's three files. */
public final class BenchWriter {

    private final BenchLayout layout;

    public BenchWriter(Path root) {
        this.layout = new BenchLayout(root);
    }

    public BenchLayout layout() {
        return layout;
    }

    /** Writes the three files of one language where its bench variant puts them. */
    public void write(LanguageBench bench) throws IOException {
        BenchLayout.BenchFiles files = layout.files(bench.language());
        JsonLines.write(files.questions(), bench.questions());
        JsonLines.write(files.answers(), bench.answers());
        JsonLines.write(files.context(), bench.contexts());
    }

    /** Stores one image under {@code images/}, the folder every language's questions refer to. */
    public Path writeImage(String fileName, byte[] bytes) throws IOException {
        Path target = layout.images().resolve(fileName).normalize();
        if (!target.getParent().equals(layout.images())) {
            throw new IllegalArgumentException("image name '" + fileName + "' must be a plain file name");
        }
        Files.createDirectories(layout.images());
        return Files.write(target, bytes);
    }
}
