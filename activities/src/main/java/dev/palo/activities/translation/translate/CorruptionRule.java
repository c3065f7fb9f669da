package dev.palo.activities.translation.translate;

import dev.palo.data.llava.Turn;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PALO's rule for a broken translation: a gpt turn holds {@code <image>}, or a turn's count of
 * {@code <…>} spans differs from its English source (a tag lost or invented), or the turn
 * structure changed.
 */
final class CorruptionRule {
    private static final Pattern ANGLE_SPAN = Pattern.compile("<[^<>]*>");

    private CorruptionRule() {
    }

    static boolean isCorrupt(List<Turn> english, List<Turn> translated) {
        if (english.size() != translated.size()) {
            return true;
        }
        for (int i = 0; i < english.size(); i++) {
            Turn source = english.get(i);
            Turn target = translated.get(i);
            if (!source.from().equals(target.from())
                    || (target.isGpt() && target.value().contains(Turn.IMAGE_TOKEN))
                    || spans(source.value()) != spans(target.value())) {
                return true;
            }
        }
        return false;
    }

    private static long spans(String text) {
        return ANGLE_SPAN.matcher(text).results().count();
    }
}
