package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed manifest every reader uses: it reads what the generator wrote and writes it back byte for byte. */
class MiniManifestTest {

    @Test
    void readingAndWritingBackKeepsEveryByte(@TempDir Path copy) throws IOException {
        byte[] written = Files.readAllBytes(TinyWorld.root().resolve(MiniManifest.FILE));

        MiniManifest.read(TinyWorld.root()).writeTo(copy);

        assertArrayEquals(written, Files.readAllBytes(copy.resolve(MiniManifest.FILE)));
    }

    @Test
    void namesEachTranslatedLanguagesSetAndGold() throws IOException {
        MiniManifest manifest = MiniManifest.read(TinyWorld.root());

        assertEquals(MiniManifest.GENERATOR, manifest.generator());
        assertEquals(TinyWorld.codes().stream().filter(code -> !code.equals(MiniGenerator.ENGLISH)).toList(),
                manifest.translationSets().keySet().stream().toList());
        MiniManifest.TranslationSet french = manifest.translationSet("fr").orElseThrow();
        assertEquals("gold/fr.json", french.gold());
        assertEquals(MiniSize.TINY.translatedInstructions(), french.count());
        assertEquals(((Number) manifest.counts().get("translated_instructions_per_language")).longValue(),
                french.count());
        assertTrue(manifest.translationSet(MiniGenerator.ENGLISH).isEmpty(), "English is the source");
        assertTrue(manifest.files().containsKey(french.gold()), manifest.files().keySet().toString());
    }

    @Test
    void aFolderWithoutAManifestIsNoTree(@TempDir Path empty) {
        IOException missing = assertThrows(IOException.class, () -> MiniManifest.read(empty));

        assertTrue(missing.getMessage().contains("no " + MiniManifest.FILE), missing.getMessage());
    }
}
