package dev.palo.data.llava;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
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

    /**
     * The record's JSON object as compact UTF-8, fields in a fixed order: id, image, conversations, PALO fields,
     * extras. Written field by field to Jackson's generator, without building a tree first: the dataset build writes
     * every record through here, and the tree cost as much as the writing.
     */
    public static byte[] toBytes(LlavaRecord record) throws IOException {
        return encode(record).json();
    }

    /** {@link #toBytes} with where the {@code conversations} array and its turns lie in the bytes. */
    public static EncodedRecord encode(LlavaRecord record) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(1 << 11);
        int conversationsFrom;
        int conversationsTo;
        int[] turnCloses = new int[record.conversations().size()];
        // the mapper's generator (its configuration, and its codec for the extra fields' trees)
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField(ID, record.id());
            if (record.image() != null) {
                gen.writeStringField(IMAGE, record.image());
            }
            gen.writeFieldName(CONVERSATIONS);
            gen.writeStartArray();
            gen.flush();
            conversationsFrom = out.size() - 1;  // the '[' just written (the ':' before it comes with the value)
            for (int i = 0; i < turnCloses.length; i++) {
                Turn turn = record.conversations().get(i);
                gen.writeStartObject();
                gen.writeStringField("from", turn.from());
                gen.writeStringField("value", turn.value());
                gen.flush();
                turnCloses[i] = out.size();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.flush();
            conversationsTo = out.size();
            if (record.englishConversations() != null) {
                gen.writeFieldName(ENGLISH_CONVERSATIONS);
                writeTurns(gen, record.englishConversations());
            }
            for (Map.Entry<String, List<Turn>> translation : record.languageConversations().entrySet()) {
                gen.writeFieldName(translation.getKey() + LANGUAGE_CONVERSATION_SUFFIX);
                writeTurns(gen, translation.getValue());
            }
            if (record.corrupt() != null) {
                gen.writeBooleanField(CORRUPT, record.corrupt());
            }
            if (record.language() != null) {
                gen.writeStringField(LANGUAGE, record.language());
            }
            for (Map.Entry<String, JsonNode> extra : record.extra().entrySet()) {
                gen.writeFieldName(extra.getKey());
                gen.writeTree(extra.getValue());
            }
            gen.writeEndObject();
        }
        return new EncodedRecord(out.toByteArray(), conversationsFrom, turnCloses, conversationsTo);
    }

    private static void writeTurns(JsonGenerator gen, List<Turn> turns) throws IOException {
        gen.writeStartArray();
        for (Turn turn : turns) {
            gen.writeStartObject();
            gen.writeStringField("from", turn.from());
            gen.writeStringField("value", turn.value());
            gen.writeEndObject();
        }
        gen.writeEndArray();
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
