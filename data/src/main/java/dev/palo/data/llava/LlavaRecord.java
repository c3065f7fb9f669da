package dev.palo.data.llava;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One sample of a LLaVA / PALO training file.
 *
 * <p>JSON fields: {@code id}, {@code image} (path relative to an image root; absent for text-only
 * samples), {@code conversations}; PALO's translated files add {@code english_conversations} (the
 * English source), one {@code <language>_conversation} per translation (keyed here by the text before
 * {@code _conversation}, e.g. {@code spanish}) and {@code corrupt}. {@code language} is this platform's
 * addition: the code of the language {@code conversations} is written in, when a producer knows it.
 * Every other field is kept in {@link #extra} so that a read-then-write round trip loses nothing.
 *
 * <p>Maps are stored sorted by key so that equal records always serialise to equal bytes.
 */
public record LlavaRecord(
        String id,
        String image,
        List<Turn> conversations,
        List<Turn> englishConversations,
        Map<String, List<Turn>> languageConversations,
        Boolean corrupt,
        String language,
        Map<String, JsonNode> extra) {

    public LlavaRecord {
        Objects.requireNonNull(id, "record id is null");
        conversations = List.copyOf(Objects.requireNonNull(conversations, "record conversations is null"));
        englishConversations = englishConversations == null ? null : List.copyOf(englishConversations);
        languageConversations = sortedCopy(languageConversations);
        extra = sortedCopy(extra);
    }

    /** A plain LLaVA sample: no translations, no extra fields. */
    public static LlavaRecord of(String id, String image, List<Turn> conversations) {
        return new LlavaRecord(id, image, conversations, null, Map.of(), null, null, Map.of());
    }

    /**
     * A pretraining pair in the style of LLaVA's {@code blip_laion_cc_sbu_558k.json}: the human turn is the
     * image token and an instruction, the gpt turn is the caption.
     */
    public static LlavaRecord captionPair(String id, String image, String instruction, String caption) {
        return of(id, image, List.of(Turn.human(Turn.IMAGE_TOKEN + "\n" + instruction), Turn.gpt(caption)));
    }

    public boolean hasImage() {
        return image != null;
    }

    private static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
