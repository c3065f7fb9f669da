package dev.palo.data.lang;

import dev.palo.data.bench.BenchVariant;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageRegistryTest {

    private static final String GERMAN = """
            [{"code": "de", "name": "German", "nativeName": "Deutsch", "scripts": ["LATIN"], "lingua": "GERMAN",
              "direction": "ltr", "resourceLevel": "high", "wordSeparator": " ", "benchLayout": "corrected",
              "punctuation": {"comma": ",", "fullStop": ".", "questionMark": "?", "exclamationMark": "!"}}]
            """;

    private final LanguageRegistry registry = LanguageRegistry.palo();

    @Test
    void holdsThePaloLanguagesInTheirTiers() {
        assertEquals(List.of("en", "zh", "fr", "es", "ru", "ja", "ar", "hi", "bn", "ur"), registry.codes());
        assertEquals(Set.of("ar", "hi", "bn", "ur"), registry.all().stream()
                .filter(l -> l.resourceLevel() == ResourceLevel.LOW).map(Language::code).collect(Collectors.toSet()));
        assertEquals(Set.of("ar", "ur"), registry.all().stream()
                .filter(Language::isRightToLeft).map(Language::code).collect(Collectors.toSet()));
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
        LanguageRegistry custom = LanguageRegistry.load(new ByteArrayInputStream(GERMAN.getBytes(StandardCharsets.UTF_8)), "de.json");
        assertEquals("german", custom.get("de").paloKey());
        assertEquals("Wer?", custom.get("de").punctuation().question("Wer"));
    }

    @Test
    void badEntriesAreRejectedNamingTheProblem() {
        String missingName = "[{\"code\": \"de\"}]";
        IOException error = assertThrows(IOException.class, () -> LanguageRegistry.load(
                new ByteArrayInputStream(missingName.getBytes(StandardCharsets.UTF_8)), "bad.json"));
        assertTrue(error.getMessage().contains("'name' is missing"), error.getMessage());

        String misspelt = GERMAN.replace("\"direction\"", "\"diretcion\": \"ltr\", \"direction\"");
        IOException typo = assertThrows(IOException.class, () -> LanguageRegistry.load(
                new ByteArrayInputStream(misspelt.getBytes(StandardCharsets.UTF_8)), "typo.json"));
        assertTrue(typo.getMessage().contains("\"diretcion\""), typo.getMessage());

        String badLingua = """
                [{"code": "tlh", "name": "Klingon", "nativeName": "tlhIngan", "scripts": ["LATIN"], "lingua": "KLINGON",
                  "direction": "ltr", "resourceLevel": "low", "wordSeparator": " ", "benchLayout": "corrected",
                  "punctuation": {"comma": ",", "fullStop": ".", "questionMark": "?", "exclamationMark": "!"}}]
                """;
        IllegalArgumentException lingua = assertThrows(IllegalArgumentException.class, () -> LanguageRegistry.load(
                new ByteArrayInputStream(badLingua.getBytes(StandardCharsets.UTF_8)), "bad.json"));
        assertTrue(lingua.getMessage().contains("KLINGON"), lingua.getMessage());
    }
}
