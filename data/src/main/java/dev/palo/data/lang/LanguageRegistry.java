package dev.palo.data.lang;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The languages the platform knows, loaded from data: adding a language means adding one entry to
 * {@code languages.json} (or to a {@code languages.json} in a folder of {@link ExtraLanguages}) and its PALO-mini
 * grammar, no code. Entries marked {@code defaultSet} are the languages of a run that names none: the paper's ten.
 */
public final class LanguageRegistry {

    /** The source language every other one is translated from; never a target. */
    public static final String SOURCE = "en";
    private static final String PALO_RESOURCE = "languages.json";
    /** Unknown fields fail (Jackson's default), so a misspelt key in the data is reported, not ignored. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Language> byCode = new LinkedHashMap<>();
    private final Map<String, Language> byKey = new LinkedHashMap<>();

    private LanguageRegistry(List<Language> languages, String source) {
        for (Language language : languages) {
            if (byCode.put(language.code(), language) != null) {
                throw new IllegalArgumentException(source + ": language code '" + language.code() + "' appears twice");
            }
            if (byKey.put(language.paloKey(), language) != null) {
                throw new IllegalArgumentException(source + ": language name '" + language.name() + "' appears twice");
            }
            try {
                language.linguaLanguage();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": language '" + language.code() + "': 'lingua' value '"
                        + language.lingua() + "' is not a constant of Lingua's Language enum", e);
            }
        }
        if (byCode.isEmpty()) {
            throw new IllegalArgumentException(source + ": no languages defined");
        }
    }

    /**
     * The languages shipped with the platform (the paper's ten and German) and those of {@link ExtraLanguages}, loaded
     * once per JVM.
     */
    public static LanguageRegistry palo() {
        return Palo.REGISTRY;
    }

    /** Loads a registry from a JSON array of language entries in the format of {@code languages.json}. */
    public static LanguageRegistry load(InputStream json, String source) throws IOException {
        List<Language> languages;
        try {
            languages = MAPPER.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            // Jackson's message names the field and position, including a missing field reported by Language
            throw new IOException(source + ": invalid language data: " + e.getMessage(), e);
        }
        return new LanguageRegistry(languages, source);
    }

    /** The language with this code; an unknown code fails with the list of known codes. */
    public Language get(String code) {
        Language language = byCode.get(code);
        if (language == null) {
            throw new UnknownLanguageException("unknown language code '" + code + "'; known codes: " + codes());
        }
        return language;
    }

    public Optional<Language> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** A language by its code or by its English name in any case ({@code ur}, {@code Urdu}, {@code urdu}). */
    public Optional<Language> resolve(String codeOrName) {
        Language language = byCode.get(codeOrName);
        return language != null ? Optional.of(language)
                : Optional.ofNullable(byKey.get(codeOrName.toLowerCase(Locale.ROOT)));
    }

    /** All languages in file order (PALO's order: English first). */
    public Collection<Language> all() {
        return byCode.values();
    }

    public List<String> codes() {
        return List.copyOf(byCode.keySet());
    }

    /** The languages of a run that names none, in registry order: the entries marked {@code defaultSet}. */
    public List<Language> defaults() {
        return byCode.values().stream().filter(Language::defaultSet).toList();
    }

    /** The default set's codes without the {@link #SOURCE} language: the targets of a run that names none. */
    public List<String> defaultTargets() {
        return defaults().stream().map(Language::code).filter(code -> !code.equals(SOURCE)).toList();
    }

    /** The default set and {@code codes}, each once, in registry order; an unknown code fails listing the known. */
    public List<Language> defaultsAnd(Collection<String> codes) {
        codes.forEach(this::get);
        return byCode.values().stream().filter(l -> l.defaultSet() || codes.contains(l.code())).toList();
    }

    /** The shipped languages followed by those of each folder's {@code languages.json}; a code or name twice fails. */
    static LanguageRegistry shippedAnd(List<Path> folders) {
        List<Language> languages = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        try (InputStream in = LanguageRegistry.class.getResourceAsStream(PALO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/palo/data/lang/" + PALO_RESOURCE + " is missing");
            }
            languages.addAll(load(in, PALO_RESOURCE).all());
            sources.add(PALO_RESOURCE);
            for (Path folder : folders) {
                Path file = folder.resolve(ExtraLanguages.REGISTRY_FILE);
                try (InputStream extra = Files.newInputStream(file)) {
                    languages.addAll(load(extra, file.toString()).all());
                    sources.add(file.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language registry: " + e.getMessage(), e);
        }
        return new LanguageRegistry(languages, String.join(" + ", sources));
    }

    /** Holds the registry of this JVM; the JVM loads it on first use, thread-safely. */
    private static final class Palo {

        static final LanguageRegistry REGISTRY = shippedAnd(ExtraLanguages.folders());
    }
}
