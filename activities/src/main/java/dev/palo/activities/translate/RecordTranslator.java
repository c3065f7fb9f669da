package dev.palo.activities.translate;

import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import java.util.List;

/**
 * One LLaVA sample into one language, turn by turn: same ids, image, roles and order; the English
 * kept in {@code english_conversations}; {@code corrupt} set by {@link CorruptionRule}.
 */
final class RecordTranslator {
    private final PlaceholderPreservingTranslator turns;
    private final String languageCode;

    RecordTranslator(PlaceholderPreservingTranslator turns, String languageCode) {
        this.turns = turns;
        this.languageCode = languageCode;
    }

    LlavaRecord translate(LlavaRecord english) {
        List<Turn> translated = english.conversations().stream()
                .map(turn -> new Turn(turn.from(), turns.translate(turn.value())))
                .toList();
        return new LlavaRecord(english.id(), english.image(), translated, english.conversations(),
                english.languageConversations(), CorruptionRule.isCorrupt(english.conversations(), translated),
                languageCode, english.extra());
    }
}
