package dev.palo.activities.review;

import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.MiniManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PALO-mini's gold translations of one language, found through the tree's {@code manifest.json}
 * ({@code translation_sets.<code>.gold}) rather than a fixed path, so layout changes follow the generator.
 */
public final class GoldText {
    private GoldText() {
    }

    /** Gold conversations of {@code recordIds}, by record id; ids missing from gold are simply absent. */
    public static Map<String, List<Turn>> read(Path miniRoot, String language, Set<String> recordIds)
            throws IOException {
        if (!Files.isRegularFile(miniRoot.resolve(MiniManifest.FILE))) {
            throw new IllegalArgumentException(miniRoot + " is not a PALO-mini tree: no " + MiniManifest.FILE
                    + " (generate one with `./palo data mini`)");
        }
        String gold = MiniManifest.read(miniRoot).translationSet(language).map(MiniManifest.TranslationSet::gold)
                .orElseThrow(() -> new IllegalArgumentException(miniRoot.resolve(MiniManifest.FILE)
                        + " names no gold file for language '" + language + "' (translation_sets." + language
                        + ".gold)"));
        Map<String, List<Turn>> found = new HashMap<>();
        try (LlavaJsonReader reader = LlavaJsonReader.open(miniRoot.resolve(gold))) {
            while (reader.hasNext()) {
                LlavaRecord record = reader.next();
                if (recordIds.contains(record.id())) {
                    found.put(record.id(), record.conversations());
                }
            }
        }
        return found;
    }
}
