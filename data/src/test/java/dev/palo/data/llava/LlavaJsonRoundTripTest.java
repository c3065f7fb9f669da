package dev.palo.data.llava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlavaJsonRoundTripTest {

    /** A PALO-style translated sample with fields this code does not know (nested and scalar). */
    private static final String PALO_FILE = """
            [{"id": "000000033471", "image": "coco/train2017/000000033471.jpg",
              "conversations": [{"from": "human", "value": "<image>\\n¿De qué color es el autobús?"},
                                {"from": "gpt", "value": "El autobús es blanco y rojo."}],
              "english_conversations": [{"from": "human", "value": "<image>\\nWhat colour is the bus?"},
                                        {"from": "gpt", "value": "The bus is white and red."}],
              "spanish_conversation": [{"from": "human", "value": "<image>\\n¿De qué color es el autobús?"},
                                       {"from": "gpt", "value": "El autobús es blanco y rojo."}],
              "corrupt": false, "model": "gpt-3.5-turbo", "scores": {"bleu": [0.5, 0.25], "ok": null}},
             {"id": 17, "conversations": [{"from": "human", "value": "Tell me a joke."}, {"from": "gpt", "value": "…"}]}]
            """;

    @Test
    void readsPaloFieldsAndKeepsUnknownOnes() throws IOException {
        List<LlavaRecord> records = readAll(PALO_FILE.getBytes(StandardCharsets.UTF_8));

        LlavaRecord translated = records.get(0);
        assertEquals("coco/train2017/000000033471.jpg", translated.image());
        assertEquals(Turn.human("<image>\nWhat colour is the bus?"), translated.englishConversations().get(0));
        assertEquals(translated.conversations(), translated.languageConversations().get("spanish"));
        assertEquals(Boolean.FALSE, translated.corrupt());
        assertEquals(List.of("model", "scores"), List.copyOf(translated.extra().keySet()));
        LlavaRecord textOnly = records.get(1);
        assertEquals("17", textOnly.id());
        assertFalse(textOnly.hasImage());
    }

    @Test
    void writeThenReadGivesEqualRecordsAndEqualJson() throws IOException {
        List<LlavaRecord> records = readAll(PALO_FILE.getBytes(StandardCharsets.UTF_8));
        byte[] written = write(records);

        assertEquals(records, readAll(written));
        JsonNode original = LlavaRecordJson.MAPPER.readTree(PALO_FILE);
        JsonNode rewritten = LlavaRecordJson.MAPPER.readTree(written);
        // every field, unknown ones included, survives; only the numeric id is normalised to text
        ((ObjectNode) original.get(1)).put("id", "17");
        assertEquals(original, rewritten);
    }

    @Test
    void sameRecordsGiveSameBytesWhateverTheMapInsertionOrder() throws IOException {
        Map<String, JsonNode> extraAb = new LinkedHashMap<>();
        extraAb.put("a", LlavaRecordJson.MAPPER.readTree("1"));
        extraAb.put("b", LlavaRecordJson.MAPPER.readTree("[2]"));
        Map<String, JsonNode> extraBa = new LinkedHashMap<>();
        extraBa.put("b", LlavaRecordJson.MAPPER.readTree("[2]"));
        extraBa.put("a", LlavaRecordJson.MAPPER.readTree("1"));
        List<Turn> turns = List.of(Turn.human("<image>\nQ"), Turn.gpt("A"));
        LlavaRecord first = new LlavaRecord("x", "x.png", turns, null, Map.of("french", turns, "arabic", turns), null, "fr", extraAb);
        LlavaRecord second = new LlavaRecord("x", "x.png", turns, null, Map.of("arabic", turns, "french", turns), null, "fr", extraBa);

        assertEquals(first, second);
        assertArrayEquals(write(List.of(first, first)), write(List.of(second, second)));
    }

    @Test
    void emptyFileIsAnEmptyArray() throws IOException {
        byte[] written = write(List.of());
        assertEquals(List.of(), readAll(written));
        assertTrue(LlavaRecordJson.MAPPER.readTree(written).isArray());
    }

    @Test
    void captionPairHasLlavaPretrainingShape() throws IOException {
        LlavaRecord pair = LlavaRecord.captionPair("004539375", "00453/004539375.jpg", "Describe the image concisely.",
                "a red square on the left");
        JsonNode json = LlavaRecordJson.MAPPER.readTree(write(List.of(pair))).get(0);

        assertEquals(List.of("id", "image", "conversations"), fieldNames(json));
        assertEquals("human", json.get("conversations").get(0).get("from").asText());
        assertTrue(json.get("conversations").get(0).get("value").asText().startsWith(Turn.IMAGE_TOKEN + "\n"));
        assertEquals(pair.conversations().get(1).value(), json.get("conversations").get(1).get("value").asText());
    }

    @Test
    void streamsFromAFileAndClosesWithTheStream(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        List<LlavaRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(LlavaRecord.captionPair("id" + i, i + ".png", "Describe.", "caption " + i));
        }
        try (LlavaJsonWriter writer = LlavaJsonWriter.create(file)) {
            records.forEach(writer::write);
        }
        try (LlavaJsonReader reader = LlavaJsonReader.open(file)) {
            assertEquals(records, reader.stream().collect(Collectors.toList()));
        }
    }

    @Test
    void badShapeNamesTheRecordAndField() {
        String file = "[{\"id\": \"a\", \"conversations\": []}, {\"id\": \"b\", \"conversations\": [{\"from\": \"human\"}]}]";
        LlavaFormatException error = assertThrows(LlavaFormatException.class,
                () -> readAll(file.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("record #1"), error.getMessage());
        assertTrue(error.getMessage().contains("conversations[0]' has no 'value'"), error.getMessage());

        LlavaFormatException truncated = assertThrows(LlavaFormatException.class, () -> readAll(
                "[{\"id\": \"a\", \"conversations\": []},".getBytes(StandardCharsets.UTF_8)));
        assertTrue(truncated.getMessage().contains("invalid JSON after 1 records: Unexpected end-of-input"),
                truncated.getMessage());

        LlavaFormatException notArray = assertThrows(LlavaFormatException.class,
                () -> readAll("{\"id\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notArray.getMessage().contains("JSON array"), notArray.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<LlavaRecord> readAll(byte[] json) {
        try (LlavaJsonReader reader = new LlavaJsonReader(new ByteArrayInputStream(json), "test.json")) {
            List<LlavaRecord> records = new ArrayList<>();
            reader.forEachRemaining(records::add);
            return records;
        }
    }

    private static byte[] write(List<LlavaRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LlavaJsonWriter writer = new LlavaJsonWriter(out)) {
            records.forEach(writer::write);
        }
        return out.toByteArray();
    }
}
