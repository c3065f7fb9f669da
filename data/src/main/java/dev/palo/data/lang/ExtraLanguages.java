package dev.palo.data.lang;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folders of languages added beside the shipped ones without rebuilding: each holds a {@code languages.json} (entries
 * in the shipped file's format) and a {@code grammar/<code>.json} per entry. Named by the system property
 * {@value #PROPERTY} or, when it is unset, the environment variable {@value #ENV}, several separated by the path
 * separator ({@code :}). Every process of a deployment (services app, workers, CLI) must see the same folders.
 */
public final class ExtraLanguages {
    public static final String PROPERTY = "palo.languages.extra";
    public static final String ENV = "PALO_LANGUAGES_EXTRA";
    public static final String REGISTRY_FILE = "languages.json";
    public static final String GRAMMAR_FOLDER = "grammar";

    private ExtraLanguages() {
    }

    /** The configured folders, in the order given; a folder without its {@code languages.json} fails naming it. */
    public static List<Path> folders() {
        String setting = System.getProperty(PROPERTY, System.getenv(ENV));
        List<Path> folders = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return folders;
        }
        for (String part : setting.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            Path folder = Path.of(part.trim());
            if (!Files.isRegularFile(folder.resolve(REGISTRY_FILE))) {
                throw new IllegalStateException(PROPERTY + "/" + ENV + " names " + folder + ", which has no "
                        + REGISTRY_FILE);
            }
            folders.add(folder);
        }
        return folders;
    }

    /** The PALO-mini grammar of {@code code} in the first configured folder that has one. */
    public static Optional<Path> grammar(String code) {
        return folders().stream().map(folder -> folder.resolve(GRAMMAR_FOLDER).resolve(code + ".json"))
                .filter(Files::isRegularFile).findFirst();
    }
}
