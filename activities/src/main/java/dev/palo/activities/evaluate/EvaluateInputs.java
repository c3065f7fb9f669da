package dev.palo.activities.evaluate;

import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.data.bench.BenchReader;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.lang.UnknownLanguageException;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/** What every evaluate activity reads first: stored folders fetched to the worker, and checked languages. */
final class EvaluateInputs {
    private final StoredDirectory directories;
    private final LanguageRegistry registry;

    EvaluateInputs(StoredDirectory directories, LanguageRegistry registry) {
        this.directories = directories;
        this.registry = registry;
    }

    Path folder(ArtifactRef index, String what) throws IOException {
        if (index == null) {
            throw StageErrors.invalid("evaluate needs the " + what + " (a stored directory), got none");
        }
        try {
            return directories.download(index);
        } catch (IllegalArgumentException e) {
            throw StageErrors.invalid("the " + what + " is not a stored directory: " + e.getMessage());
        }
    }

    BenchReader bench(Path folder) throws IOException {
        return new BenchReader(folder, registry);
    }

    /** The requested languages, known to the registry, each once. */
    List<Language> languages(List<String> codes) {
        if (codes.isEmpty()) {
            throw StageErrors.invalid("evaluate needs at least one language");
        }
        if (new HashSet<>(codes).size() != codes.size()) {
            throw StageErrors.invalid("evaluate repeats a language: " + codes);
        }
        try {
            return codes.stream().map(registry::get).toList();
        } catch (UnknownLanguageException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.UNKNOWN_LANGUAGE);
        }
    }
}
