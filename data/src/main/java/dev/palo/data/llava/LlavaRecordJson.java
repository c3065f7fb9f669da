package dev.palo.data.llava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a {@link LlavaRecord} to and from its JSON object; shared by the reader, the writer and validation. */
public final class LlavaRecordJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    static final String ID = "id";
    static final String IMAGE = "image";
    static final String CONVERSATIONS = "conversations";
    static final String ENGLISH_CONVERSATIONS = "english_conversations";
    static final String CORRUPT = "corrupt";
    static final String LANGUAGE = "language";
    /** PALO names each translation {@code <language>_conversation} (singular, unlike the English field). */
    public static final String LANGUAGE_CONVERSATION_SUFFIX = "_conversation";

    private LlavaRecordJson() {
    }

    /** Reads one record from its JSON object; a {@link LlavaFormatException} names the field at fault. */
    public static LlavaRecord fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new LlavaFormatException("a record must be a JSON object, found " + node.getNodeType());
        }
        String id = null;
        String image = null;
        List<Turn> conversations = null;
        List<Turn> english = null;
        Map<String, List<Turn>> translations = new LinkedHashMap<>();
        Boolean corrupt = null;
        String language = null;
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                // LLaVA ids are strings, a few derived sets use numbers: both read as text
                case ID -> id = scalarText(name, value);
                case IMAGE -> image = value.isNull() ? null : text(name, value);
                case CONVERSATIONS -> conversations = turns(name, value);
                case ENGLISH_CONVERSATIONS -> english = value.isNull() ? null : turns(name, value);
                case CORRUPT -> corrupt = value.isNull() ? null : bool(name, value);
                case LANGUAGE -> language = value.isNull() ? null : text(name, value);
                default -> {
                    if (name.endsWith(LANGUAGE_CONVERSATION_SUFFIX) && name.length() > LANGUAGE_CONVERSATION_SUFFIX.length()) {
                        translations.put(name.substring(0, name.length() - LANGUAGE_CONVERSATION_SUFFIX.length()),
                                turns(name, value));
                    } else {
                        extra.put(name, value);
                    }
                }
            }
        }
        if (id == null) {
            throw new LlavaFormatException("record has no 'id'");
        }
        if (conversations == null) {
            throw new LlavaFormatException("record '" + id + "' has no 'conversations'");
        }
        return new LlavaRecord(id, image, conversations, english, translations, corrupt, language, extra);
    }

    /** The record's JSON object, fields in a fixed order: id, image, conversations, PALO fields, extras. */
    public static ObjectNode toJson(LlavaRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(ID, record.id());
        if (record.image() != null) {
            node.put(IMAGE, record.image());
        }
        node.set(CONVERSATIONS, turnsJson(record.conversations()));
        if (record.englishConversations() != null) {
            node.set(ENGLISH_CONVERSATIONS, turnsJson(record.englishConversations()));
        }
        record.languageConversations().forEach((key, turns) ->
                node.set(key + LANGUAGE_CONVERSATION_SUFFIX, turnsJson(turns)));
        if (record.corrupt() != null) {
            node.put(CORRUPT, record.corrupt());
        }
        if (record.language() != null) {
            node.put(LANGUAGE, record.language());
        }
        record.extra().forEach(node::set);
        return node;
    }

    private static ArrayNode turnsJson(List<Turn> turns) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(turns.size());
        for (Turn turn : turns) {
            array.addObject().put("from", turn.from()).put("value", turn.value());
        }
        return array;
    }

    private static List<Turn> turns(String field, JsonNode value) {
        if (!value.isArray()) {
            throw new LlavaFormatException("'" + field + "' must be an array of turns, found " + value.getNodeType());
        }
        List<Turn> turns = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode turn = value.get(i);
            String where = field + "[" + i + "]";
            if (!turn.isObject()) {
                throw new LlavaFormatException("'" + where + "' must be an object with 'from' and 'value'");
            }
            turns.add(new Turn(text(where + ".from", required(where, "from", turn)),
                    text(where + ".value", required(where, "value", turn))));
        }
        return turns;
    }

    private static JsonNode required(String where, String name, JsonNode object) {
        JsonNode value = object.get(name);
        if (value == null) {
            throw new LlavaFormatException("'" + where + "' has no '" + name + "'");
        }
        return value;
    }

    private static String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw new LlavaFormatException("'" + field + "' must be a string, found " + value.getNodeType());
        }
        return value.textValue();
    }

    private static String scalarText(String field, JsonNode value) {
        if (!value.isTextual() && !value.isNumber()) {
            throw new LlavaFormatException("'" + field + "' must be a string or a number, found " + value.getNodeType());
        }
        return value.asText();
    }

    private static boolean bool(String field, JsonNode value) {
        if (!value.isBoolean()) {
            throw new LlavaFormatException("'" + field + "' must be true or false, found " + value.getNodeType());
        }
        return value.booleanValue();
    }
}
