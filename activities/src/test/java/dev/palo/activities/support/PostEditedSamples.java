package dev.palo.activities.support;

import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import java.util.List;
import java.util.Map;

/** Post-edit outputs for review tests: LlavaSamples' English, a marked translation, every third flagged corrupt. */
public final class PostEditedSamples {
    private PostEditedSamples() {
    }

    public static List<LlavaRecord> records(int count, String language) {
        return LlavaSamples.records(count).stream().map(english -> {
            int index = Integer.parseInt(english.id().substring(english.id().indexOf('-') + 1));
            List<Turn> translated = english.conversations().stream()
                    .map(turn -> new Turn(turn.from(), turn.value().replace("shape", "[" + language + "] shape")))
                    .toList();
            return new LlavaRecord(english.id(), english.image(), translated, english.conversations(), Map.of(),
                    index % 3 == 0, language, Map.of());
        }).toList();
    }

    /** The gold translation the simulated reviewer should submit for a record of {@link #records}. */
    public static List<Turn> gold(LlavaRecord record, String language) {
        return record.conversations().stream()
                .map(turn -> new Turn(turn.from(), turn.value().replace("[" + language + "] shape", "gold-" + language)))
                .toList();
    }
}
