package dev.palo.data.validate;

import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.LlavaRecordJson;
import dev.palo.data.llava.Turn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks of a parsed record's content, in a fixed order so that a record with several faults always gets the
 * same reason.
 *
 * <p>A record's languages are known from its data, never guessed: the optional {@code language} field (a
 * registry code) and the key of every PALO {@code <language>_conversation} field (a registry code or English
 * name, as PALO writes {@code spanish_conversation}). Each conversation it carries ({@code conversations},
 * {@code english_conversations} and every translation) must alternate human/gpt starting with human and ending
 * with gpt, have no blank turn, keep {@code <image>} out of gpt turns, and hold exactly one {@code <image>} when the
 * record has an image (none when it has not).
 */
final class ConversationChecks {

    private final LanguageRegistry registry;

    ConversationChecks(LanguageRegistry registry) {
        this.registry = registry;
    }

    Optional<Rejection> check(LlavaRecord record) {
        Optional<Rejection> language = checkLanguages(record);
        if (language.isPresent()) {
            return language;
        }
        if (Boolean.TRUE.equals(record.corrupt())) {
            return reject(RejectReason.FLAGGED_CORRUPT, "the record is marked \"corrupt\": true");
        }
        for (Map.Entry<String, List<Turn>> conversation : conversations(record).entrySet()) {
            Optional<Rejection> fault = checkConversation(conversation.getKey(), conversation.getValue(), record.hasImage());
            if (fault.isPresent()) {
                return fault;
            }
        }
        return Optional.empty();
    }

    private Optional<Rejection> checkLanguages(LlavaRecord record) {
        if (record.language() != null && registry.find(record.language()).isEmpty()) {
            return reject(RejectReason.UNKNOWN_LANGUAGE, "field 'language' is '" + record.language()
                    + "'; known codes: " + registry.codes());
        }
        for (String key : record.languageConversations().keySet()) {
            if (registry.resolve(key).isEmpty()) {
                return reject(RejectReason.UNKNOWN_LANGUAGE, "field '" + key + LlavaRecordJson.LANGUAGE_CONVERSATION_SUFFIX
                        + "' names no known language; known codes: " + registry.codes());
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<Turn>> conversations(LlavaRecord record) {
        Map<String, List<Turn>> all = new LinkedHashMap<>();
        all.put("conversations", record.conversations());
        if (record.englishConversations() != null) {
            all.put("english_conversations", record.englishConversations());
        }
        record.languageConversations().forEach((key, turns) ->
                all.put(key + LlavaRecordJson.LANGUAGE_CONVERSATION_SUFFIX, turns));
        return all;
    }

    private static Optional<Rejection> checkConversation(String field, List<Turn> turns, boolean hasImage) {
        if (turns.isEmpty()) {
            return reject(RejectReason.EMPTY_CONVERSATION, "'" + field + "' has no turns");
        }
        for (int i = 0; i < turns.size(); i++) {
            String expected = i % 2 == 0 ? Turn.HUMAN : Turn.GPT;
            if (!expected.equals(turns.get(i).from())) {
                return reject(RejectReason.ROLES_NOT_ALTERNATING, "'" + field + "' turn " + i + " is from '"
                        + turns.get(i).from() + "', expected '" + expected + "'");
            }
        }
        if (turns.size() % 2 != 0) {
            return reject(RejectReason.ROLES_NOT_ALTERNATING, "'" + field + "' ends with a human turn that has no gpt answer");
        }
        int imageTokens = 0;
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            if (turn.value().isBlank()) {
                return reject(RejectReason.EMPTY_TURN, "'" + field + "' turn " + i + " (" + turn.from() + ") is empty");
            }
            int count = countImageTokens(turn.value());
            if (count > 0 && turn.isGpt()) {
                return reject(RejectReason.IMAGE_TOKEN_IN_GPT_TURN, "'" + field + "' turn " + i + " (gpt) contains "
                        + Turn.IMAGE_TOKEN);
            }
            imageTokens += count;
        }
        if (hasImage && imageTokens == 0) {
            return reject(RejectReason.MISSING_IMAGE_TOKEN, "'" + field + "' never mentions " + Turn.IMAGE_TOKEN
                    + " although the record has an image");
        }
        if (hasImage && imageTokens > 1) {
            return reject(RejectReason.DUPLICATE_IMAGE_TOKEN, "'" + field + "' contains " + Turn.IMAGE_TOKEN + " "
                    + imageTokens + " times for one image");
        }
        if (!hasImage && imageTokens > 0) {
            return reject(RejectReason.IMAGE_TOKEN_WITHOUT_IMAGE, "'" + field + "' contains " + Turn.IMAGE_TOKEN
                    + " but the record has no image");
        }
        return Optional.empty();
    }

    private static int countImageTokens(String text) {
        int count = 0;
        for (int at = text.indexOf(Turn.IMAGE_TOKEN); at >= 0; at = text.indexOf(Turn.IMAGE_TOKEN, at + 1)) {
            count++;
        }
        return count;
    }

    private static Optional<Rejection> reject(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
