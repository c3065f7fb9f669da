package dev.palo.activities.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.LlavaSamples;
import dev.palo.data.llava.LlavaRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldTextTest {
    @TempDir
    Path mini;

    @Test
    void readsTheRequestedRecordsOfTheGoldFileTheManifestNames() throws Exception {
        List<LlavaRecord> gold = LlavaSamples.records(4);
        Files.createDirectories(mini.resolve("elsewhere"));
        Files.write(mini.resolve("elsewhere/ar-gold.json"), LlavaSamples.json(gold));
        Files.writeString(mini.resolve("manifest.json"),
                "{\"translation_sets\":{\"ar\":{\"gold\":\"elsewhere/ar-gold.json\"}}}");

        Map<String, ?> found = GoldText.read(mini, "ar", Set.of(gold.get(1).id(), gold.get(3).id(), "absent"));

        assertEquals(Map.of(gold.get(1).id(), gold.get(1).conversations(), gold.get(3).id(),
                gold.get(3).conversations()), found);
    }

    @Test
    void aFolderThatIsNotPaloMiniOrLacksTheLanguageIsNamedInTheError() throws Exception {
        IllegalArgumentException noTree = assertThrows(IllegalArgumentException.class,
                () -> GoldText.read(mini, "ar", Set.of()));
        assertTrue(noTree.getMessage().contains("no manifest.json"), noTree.getMessage());

        Files.writeString(mini.resolve("manifest.json"), "{\"translation_sets\":{}}");
        IllegalArgumentException noLanguage = assertThrows(IllegalArgumentException.class,
                () -> GoldText.read(mini, "hi", Set.of()));
        assertTrue(noLanguage.getMessage().contains("no gold file for language 'hi'"), noLanguage.getMessage());
    }
}
