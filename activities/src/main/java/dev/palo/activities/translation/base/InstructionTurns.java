package dev.palo.activities.translation.base;

import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.MiniManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instruction turns a PALO-mini pipeline translates into one language (its manifest's translation set), each
 * with its gold translation: what the quality benchmark scores translators on. Texts are as a translator sees them
 * (placeholder dropped, stripped).
 */
record InstructionTurns(String language, List<Conversation> conversations) {

    /** One conversation's turns: English sources and gold translations, aligned. */
    record Conversation(String id, List<String> sources, List<String> gold) {
    }

    static InstructionTurns read(Path miniDir, String language) {
        try {
            MiniManifest.TranslationSet set = MiniManifest.read(miniDir).translationSet(language)
                    .orElseThrow(() -> new IllegalArgumentException(miniDir + "/" + MiniManifest.FILE
                            + " has no translation set for '" + language + "'"));
            Map<String, LlavaRecord> gold = new HashMap<>();
            try (LlavaJsonReader reader = LlavaJsonReader.open(miniDir.resolve(set.gold()))) {
                reader.forEachRemaining(r -> gold.put(r.id(), r));
            }
            List<Conversation> conversations = new ArrayList<>();
            try (LlavaJsonReader reader = LlavaJsonReader.open(miniDir.resolve(set.source()))) {
                while (reader.hasNext() && conversations.size() < set.count()) {
                    LlavaRecord english = reader.next();
                    LlavaRecord translated = gold.get(english.id());
                    if (translated == null || translated.conversations().size() != english.conversations().size()) {
                        throw new IllegalArgumentException("gold for " + language + " lacks or misaligns " + english.id());
                    }
                    conversations.add(new Conversation(english.id(), texts(english.conversations()),
                            texts(translated.conversations())));
                }
            }
            return new InstructionTurns(language, conversations);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + language + " instruction set of " + miniDir, e);
        }
    }

    private static List<String> texts(List<Turn> turns) {
        return turns.stream().map(t -> SeedPairs.text(t.value())).toList();
    }
}
