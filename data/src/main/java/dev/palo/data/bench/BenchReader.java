package dev.palo.data.bench;

import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a multilingual LLaVA-Bench written in PALO's layout. */
public final class BenchReader {

    private final BenchLayout layout;
    private final LanguageRegistry registry;

    public BenchReader(Path root, LanguageRegistry registry) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("bench root " + root + " is not a directory");
        }
        this.layout = new BenchLayout(root);
        this.registry = registry;
    }

    public BenchLayout layout() {
        return layout;
    }

    /** The registry's languages that have a folder under the root, in registry order. */
    public List<Language> languages() {
        List<Language> present = new ArrayList<>();
        for (Language language : registry.all()) {
            if (Files.isDirectory(layout.languageFolder(language))) {
                present.add(language);
            }
        }
        return present;
    }

    /** One language's questions, answers and contexts; fails naming the file and line of any bad line. */
    public LanguageBench read(Language language) throws IOException {
        BenchLayout.BenchFiles files = layout.files(language);
        return new LanguageBench(language,
                JsonLines.read(files.questions(), BenchQuestion.class),
                JsonLines.read(files.answers(), BenchAnswer.class),
                JsonLines.read(files.context(), BenchContext.class));
    }

    /** The image a question asks about; fails if the file is not there. */
    public Path image(BenchQuestion question) throws IOException {
        Path image = layout.images().resolve(question.image());
        if (!Files.isRegularFile(image)) {
            throw new IOException("question " + question.questionId() + ": image " + image + " does not exist");
        }
        return image;
    }
}
