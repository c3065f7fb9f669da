package dev.palo.activities.translation.translate;

import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * LLaVA samples into one language, turn by turn: same ids, image, roles and order; the English
 * kept in {@code english_conversations}; {@code corrupt} set by {@link CorruptionRule}. Every
 * piece of every turn of the samples goes to the backend as one batch, so that the backend decides
 * how to spread them (requests in parallel, or batched generation).
 */
final class RecordTranslator {
    private final TextTranslator texts;
    private final String languageCode;

    RecordTranslator(TextTranslator texts, String languageCode) {
        this.texts = texts;
        this.languageCode = languageCode;
    }

    /** The translated samples, in the order given. */
    CompletableFuture<List<LlavaRecord>> translate(List<LlavaRecord> english) {
        List<String> pieces = new ArrayList<>();
        for (LlavaRecord record : english) {
            for (Turn turn : record.conversations()) {
                pieces.addAll(PlaceholderPreservingTranslator.pieces(turn.value()));
            }
        }
        return texts.translate(pieces).thenApply(translated -> {
            if (translated.size() != pieces.size()) {
                throw new IllegalStateException("the translator answered " + translated.size() + " texts for "
                        + pieces.size());
            }
            Iterator<String> answers = translated.iterator();
            return english.stream().map(record -> reassemble(record, answers)).toList();
        });
    }

    private LlavaRecord reassemble(LlavaRecord english, Iterator<String> answers) {
        List<Turn> translated = english.conversations().stream()
                .map(turn -> new Turn(turn.from(), PlaceholderPreservingTranslator.reassemble(turn.value(), answers)))
                .toList();
        return new LlavaRecord(english.id(), english.image(), translated, english.conversations(),
                english.languageConversations(), CorruptionRule.isCorrupt(english.conversations(), translated),
                languageCode, english.extra());
    }
}
