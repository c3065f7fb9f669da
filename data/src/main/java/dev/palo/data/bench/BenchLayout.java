package dev.palo.data.bench;

import dev.palo.data.lang.Language;

import java.nio.file.Path;

/**
 * Where each file of a multilingual LLaVA-Bench lives under its root: the shared {@code images/} folder and,
 * per language, {@code <language name in lower case>/[corrected/]} with the file names of its {@link BenchVariant}.
 */
public record BenchLayout(Path root) {

    public static final String IMAGES = "images";

    public Path images() {
        return root.resolve(IMAGES);
    }

    public Path languageFolder(Language language) {
        return root.resolve(language.paloKey());
    }

    public BenchFiles files(Language language) {
        BenchVariant variant = BenchVariant.of(language.benchLayout());
        Path folder = variant.subfolder().isEmpty() ? languageFolder(language)
                : languageFolder(language).resolve(variant.subfolder());
        return new BenchFiles(folder.resolve(variant.questions()), folder.resolve(variant.answers()),
                folder.resolve(variant.context()));
    }

    /** The three files of one language's bench. */
    public record BenchFiles(Path questions, Path answers, Path context) {
    }
}
