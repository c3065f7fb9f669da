package dev.palo.data.lang;

import dev.palo.data.bench.BenchVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageRegistryTest {

    /** A language the platform does not ship, as a user would add it. */
    private static final String DUTCH = """
            [{"code": "nl", "defaultSet": false, "baseLmShare": 0.02, "name": "Dutch", "nativeName": "Nederlands",
              "scripts": ["LATIN"], "lingua": "DUTCH", "direction": "ltr", "resourceLevel": "high",
              "wordSeparator": " ", "benchLayout": "corrected",
              "punctuation": {"comma": ",", "fullStop": ".", "questionMark": "?", "exclamationMark": "!"}}]
            """;
    /** The paper's ten languages, English first: what a run that names no languages must stay. */
    private static final List<String> PAPER = List.of("en", "zh", "fr", "es", "ru", "ja", "ar", "hi", "bn", "ur");

    private final LanguageRegistry registry = LanguageRegistry.palo();

    @Test
    void theDefaultSetIsThePapersTenInTheirTiersAndGermanShipsBesideIt() {
        assertEquals(PAPER, registry.defaults().stream().map(Language::code).toList());
        assertEquals(PAPER.subList(1, PAPER.size()), registry.defaultTargets());
        assertEquals(Set.of("ar", "hi", "bn", "ur"), registry.defaults().stream()
                .filter(l -> l.resourceLevel() == ResourceLevel.LOW).map(Language::code).collect(Collectors.toSet()));
        assertEquals(Set.of("ar", "ur"), registry.all().stream()
                .filter(Language::isRightToLeft).map(Language::code).collect(Collectors.toSet()));
        Language german = registry.get("de");
        assertFalse(german.defaultSet(), "German is the worked example, outside the default runs");
        assertEquals(ResourceLevel.HIGH, german.resourceLevel());
        assertTrue(registry.codes().containsAll(PAPER));
    }

    @Test
    void aRunsLanguagesAreTheDefaultSetAndWhatItNames() {
        List<String> withGerman = registry.defaultsAnd(List.of("de", "ar")).stream().map(Language::code).toList();
        List<String> expected = registry.codes().stream().filter(c -> PAPER.contains(c) || c.equals("de")).toList();
        assertEquals(expected, withGerman, "registry order, each once");
        assertThrows(UnknownLanguageException.class, () -> registry.defaultsAnd(List.of("xx")));
    }

    @Test
    void extraFoldersAddLanguagesAfterTheShippedOnes(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(ExtraLanguages.REGISTRY_FILE), DUTCH);
        LanguageRegistry extended = LanguageRegistry.shippedAnd(List.of(folder));
        assertEquals(registry.codes().size() + 1, extended.codes().size());
        assertEquals("nl", extended.codes().get(extended.codes().size() - 1));
        assertEquals(registry.defaults(), extended.defaults());

        Path twice = Files.createDirectories(folder.resolve("twice"));
        Files.writeString(twice.resolve(ExtraLanguages.REGISTRY_FILE), DUTCH);
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> LanguageRegistry.shippedAnd(List.of(folder, twice)));
        assertTrue(duplicate.getMessage().contains("'nl' appears twice"), duplicate.getMessage());
    }

    @Test
    void anExtraFolderWithoutItsRegistryFileFailsNamingIt(@TempDir Path folder) {
        String before = System.getProperty(ExtraLanguages.PROPERTY);
        System.setProperty(ExtraLanguages.PROPERTY, folder.toString());
        try {
            IllegalStateException error = assertThrows(IllegalStateException.class, ExtraLanguages::folders);
            assertTrue(error.getMessage().contains(folder.toString()), error.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ExtraLanguages.PROPERTY);
            } else {
                System.setProperty(ExtraLanguages.PROPERTY, before);
            }
        }
    }

    @Test
    void unknownCodeListsTheKnownOnes() {
        UnknownLanguageException error = assertThrows(UnknownLanguageException.class, () -> registry.get("xx"));
        assertTrue(error.getMessage().contains("'xx'"), error.getMessage());
        for (String code : registry.codes()) {
            assertTrue(error.getMessage().contains(code), error.getMessage());
        }
    }

    @Test
    void resolvesCodesAndPaloNames() {
        assertEquals("ur", registry.resolve("urdu").orElseThrow().code());
        assertEquals("ur", registry.resolve("Urdu").orElseThrow().code());
        assertEquals("ur", registry.resolve("ur").orElseThrow().code());
        assertTrue(registry.resolve("klingon").isEmpty());
    }

    @Test
    void everyEntryMapsToLinguaAndABenchLayoutAndItsNativeNameIsInItsScript() {
        for (Language language : registry.all()) {
            assertEquals(language.lingua(), language.linguaLanguage().name());
            BenchVariant.of(language.benchLayout());
            Set<Character.UnicodeScript> used = language.nativeName().codePoints()
                    .mapToObj(Character.UnicodeScript::of)
                    .filter(s -> s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED)
                    .collect(Collectors.toSet());
            assertTrue(language.scripts().containsAll(used), language.code() + " native name uses " + used);
        }
    }

    @Test
    void punctuationFollowsEachLanguagesTypography() {
        assertEquals("¿Qué es?", registry.get("es").punctuation().question("Qué es"));
        assertEquals("¡Hola!", registry.get("es").punctuation().exclamation("Hola"));
        assertEquals("Bonjour\u00a0!", registry.get("fr").punctuation().exclamation("Bonjour"));
        assertEquals("Qu'est-ce\u00a0?", registry.get("fr").punctuation().question("Qu'est-ce"));
        assertEquals("这是什么？", registry.get("zh").punctuation().question("这是什么"));
        assertEquals("यह लाल है।", registry.get("hi").punctuation().statement("यह लाल है"));
        assertEquals("এটি লাল।", registry.get("bn").punctuation().statement("এটি লাল"));
        assertEquals("یہ کیا ہے؟", registry.get("ur").punctuation().question("یہ کیا ہے"));
        assertEquals("،", registry.get("ar").punctuation().comma());
        assertEquals("、", registry.get("ja").punctuation().comma());
    }

    @Test
    void anEleventhLanguageNeedsOnlyData() throws IOException {
        LanguageRegistry custom = LanguageRegistry.load(
                new ByteArrayInputStream(DUTCH.getBytes(StandardCharsets.UTF_8)), "nl.json");
        assertEquals("dutch", custom.get("nl").paloKey());
        assertEquals("Wie?", custom.get("nl").punctuation().question("Wie"));
        assertEquals("german", registry.get("de").paloKey());
        assertEquals("Wer?", registry.get("de").punctuation().question("Wer"));
    }

    @Test
    void badEntriesAreRejectedNamingTheProblem() {
        String missingName = "[{\"code\": \"de\"}]";
        IOException error = assertThrows(IOException.class, () -> LanguageRegistry.load(
                new ByteArrayInputStream(missingName.getBytes(StandardCharsets.UTF_8)), "bad.json"));
        assertTrue(error.getMessage().contains("'name' is missing"), error.getMessage());

        for (String field : List.of("defaultSet", "baseLmShare")) {
            String missing = DUTCH.replaceAll("\"" + field + "\": [^,]+, ", "");
            IOException absent = assertThrows(IOException.class, () -> LanguageRegistry.load(
                    new ByteArrayInputStream(missing.getBytes(StandardCharsets.UTF_8)), "nl.json"));
            assertTrue(absent.getMessage().contains("'" + field + "' is missing"), absent.getMessage());
        }
        String noShare = DUTCH.replace("\"baseLmShare\": 0.02", "\"baseLmShare\": 0");
        IOException zero = assertThrows(IOException.class, () -> LanguageRegistry.load(
                new ByteArrayInputStream(noShare.getBytes(StandardCharsets.UTF_8)), "nl.json"));
        assertTrue(zero.getMessage().contains("'baseLmShare' must be in (0, 1]"), zero.getMessage());

        String misspelt = DUTCH.replace("\"direction\"", "\"diretcion\": \"ltr\", \"direction\"");
        IOException typo = assertThrows(IOException.class, () -> LanguageRegistry.load(
                new ByteArrayInputStream(misspelt.getBytes(StandardCharsets.UTF_8)), "typo.json"));
        assertTrue(typo.getMessage().contains("\"diretcion\""), typo.getMessage());

        String badLingua = """
                [{"code": "tlh", "defaultSet": false, "baseLmShare": 0.001, "name": "Klingon", "nativeName": "tlhIngan",
                  "scripts": ["LATIN"], "lingua": "KLINGON",
                  "direction": "ltr", "resourceLevel": "low", "wordSeparator": " ", "benchLayout": "corrected",
                  "punctuation": {"comma": ",", "fullStop": ".", "questionMark": "?", "exclamationMark": "!"}}]
                """;
        IllegalArgumentException lingua = assertThrows(IllegalArgumentException.class, () -> LanguageRegistry.load(
                new ByteArrayInputStream(badLingua.getBytes(StandardCharsets.UTF_8)), "bad.json"));
        assertTrue(lingua.getMessage().contains("KLINGON"), lingua.getMessage());
    }
}
