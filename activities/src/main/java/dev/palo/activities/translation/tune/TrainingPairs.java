package dev.palo.activities.translation.tune;

import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.translation.translate.PlaceholderPreservingTranslator;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.model.translator.TranslationPair;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The review's corrected pairs as a translator sees them: every turn split around its {@code <image>}
 * placeholders exactly as the translate stage splits it, each English piece paired with the reviewed
 * translation's piece at the same place. A turn whose pieces do not line up is left out.
 */
final class TrainingPairs {
    private TrainingPairs() {
    }

    static List<TranslationPair> read(ObjectStore store, ArtifactRef pairs, String language) throws IOException {
        List<TranslationPair> read = new ArrayList<>();
        try (InputStream in = store.open(pairs); LlavaJsonReader reader = new LlavaJsonReader(in, pairs.uri())) {
            while (reader.hasNext()) {
                LlavaRecord record = reader.next();
                List<Turn> english = record.englishConversations();
                if (english == null) {
                    throw StageErrors.invalid("record '" + record.id() + "' of " + pairs.uri()
                            + " has no english_conversations: not corrected pairs");
                }
                if (english.size() != record.conversations().size()) {
                    continue;
                }
                for (int t = 0; t < english.size(); t++) {
                    List<String> sources = PlaceholderPreservingTranslator.pieces(english.get(t).value());
                    List<String> targets = PlaceholderPreservingTranslator.pieces(record.conversations().get(t).value());
                    if (sources.size() == targets.size()) {
                        for (int p = 0; p < sources.size(); p++) {
                            read.add(new TranslationPair(language, sources.get(p), targets.get(p)));
                        }
                    }
                }
            }
        }
        return read;
    }
}
