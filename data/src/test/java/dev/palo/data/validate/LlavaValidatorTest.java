package dev.palo.data.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlavaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD_BEFORE = record("before", "\"image\": \"ok.png\", ",
            "[{\"from\": \"human\", \"value\": \"<image>\\nWhat is red?\"}, {\"from\": \"gpt\", \"value\": \"The square.\"}]");
    private static final String GOOD_AFTER = record("after", "",
            "[{\"from\": \"human\", \"value\": \"Say hi.\"}, {\"from\": \"gpt\", \"value\": \"Hi!\"}]");

    @TempDir
    Path dir;
    private Path images;

    @BeforeEach
    void writeImages() throws IOException {
        images = Files.createDirectories(dir.resolve("images"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", images.resolve("ok.png").toFile());
        Files.write(images.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
    }

    @Test
    void acceptsValidRecordsOfEveryShape() throws IOException {
        String palo = "{\"id\": \"p\", \"image\": \"ok.png\", \"language\": \"ur\","
                + " \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nیہ کیا ہے؟\"}, {\"from\": \"gpt\", \"value\": \"ایک مربع۔\"}],"
                + " \"english_conversations\": [{\"from\": \"human\", \"value\": \"What is it?\\n<image>\"}, {\"from\": \"gpt\", \"value\": \"A square.\"}],"
                + " \"urdu_conversation\": [{\"from\": \"human\", \"value\": \"<image>\\nیہ کیا ہے؟\"}, {\"from\": \"gpt\", \"value\": \"ایک مربع۔\"}],"
                + " \"corrupt\": false}";
        Run run = validate(List.of(GOOD_BEFORE, palo, GOOD_AFTER), ValidationConfig.DEFAULT_MAX_RECORD_BYTES);

        assertEquals(3, run.result.accepted());
        assertEquals(0, run.result.rejectedTotal());
        assertEquals(List.of("before", "p", "after"), run.acceptedIds());
        assertEquals(List.of(), run.result.fileProblems());
    }

    @Test
    void invalidUtf8IsQuarantinedWithItsByteOffset() throws IOException {
        byte[] bad = concat(ascii("{\"id\": \"bad\", \"conversations\": [{\"from\": \"human\", \"value\": \"caf"),
                new byte[] {(byte) 0xC3, (byte) 0x28}, ascii("\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}"));
        byte[] file = concat(ascii("[" + GOOD_BEFORE + ",\n"), bad, ascii(",\n" + GOOD_AFTER + "]"));
        Run run = validate(file, ValidationConfig.DEFAULT_MAX_RECORD_BYTES);

        JsonNode line = run.singleRejection(RejectReason.INVALID_UTF8);
        int badByte = indexOf(file, (byte) 0xC3);
        assertTrue(line.get("detail").asText().contains("file offset " + badByte), line.toString());
        assertEquals("bad", line.get("id").asText());
        assertTrue(line.get("raw").asText().contains("caf\uFFFD("), line.toString());
    }

    @Test
    void recordOverTheSizeLimitIsQuarantinedAndTheRestStreamsOn() throws IOException {
        String big = record("big", "", "[{\"from\": \"human\", \"value\": \"" + "x".repeat(500)
                + "\"}, {\"from\": \"gpt\", \"value\": \"y\"}]");
        Run run = validate(List.of(GOOD_BEFORE, big, GOOD_AFTER), 300);

        JsonNode line = run.singleRejection(RejectReason.RECORD_TOO_LARGE);
        assertTrue(line.get("detail").asText().contains(big.getBytes(StandardCharsets.UTF_8).length + " bytes"), line.toString());
        assertTrue(line.get("raw_truncated").asBoolean());
        assertEquals(300, line.get("raw").asText().length());
    }

    @Test
    void brokenJsonIsQuarantined() throws IOException {
        assertQuarantined("{\"id\": \"j\", \"conversations\": [{\"from\": \"human\" \"value\": \"a\"}]}",
                RejectReason.MALFORMED_RECORD, "not valid JSON");
    }

    @Test
    void jsonThatIsNoLlavaRecordIsQuarantined() throws IOException {
        assertQuarantined("{\"id\": \"s\", \"conversations\": \"hello\"}", RejectReason.MALFORMED_RECORD,
                "'conversations' must be an array");
    }

    @Test
    void unknownLanguageCodeIsQuarantined() throws IOException {
        assertQuarantined(record("l", "\"language\": \"xx\", ", GOOD_TURNS), RejectReason.UNKNOWN_LANGUAGE, "'xx'");
    }

    @Test
    void unknownPaloLanguageFieldIsQuarantined() throws IOException {
        assertQuarantined(record("k", "\"klingon_conversation\": " + GOOD_TURNS + ", ", GOOD_TURNS),
                RejectReason.UNKNOWN_LANGUAGE, "'klingon_conversation'");
    }

    @Test
    void recordMarkedCorruptIsQuarantined() throws IOException {
        assertQuarantined(record("c", "\"corrupt\": true, ", GOOD_TURNS), RejectReason.FLAGGED_CORRUPT, "corrupt");
    }

    @Test
    void conversationWithoutTurnsIsQuarantined() throws IOException {
        assertQuarantined(record("e", "", "[]"), RejectReason.EMPTY_CONVERSATION, "'conversations' has no turns");
    }

    @Test
    void conversationStartingWithGptIsQuarantined() throws IOException {
        assertQuarantined(record("r", "", "[{\"from\": \"gpt\", \"value\": \"a\"}, {\"from\": \"human\", \"value\": \"b\"}]"),
                RejectReason.ROLES_NOT_ALTERNATING, "turn 0 is from 'gpt', expected 'human'");
    }

    @Test
    void twoHumanTurnsInARowAreQuarantined() throws IOException {
        assertQuarantined(record("r2", "", "[{\"from\": \"human\", \"value\": \"a\"}, {\"from\": \"human\", \"value\": \"b\"}]"),
                RejectReason.ROLES_NOT_ALTERNATING, "turn 1 is from 'human', expected 'gpt'");
    }

    @Test
    void unansweredLastHumanTurnIsQuarantined() throws IOException {
        assertQuarantined(record("r3", "", "[{\"from\": \"human\", \"value\": \"a\"}]"),
                RejectReason.ROLES_NOT_ALTERNATING, "ends with a human turn");
    }

    @Test
    void blankTurnIsQuarantined() throws IOException {
        assertQuarantined(record("b", "", "[{\"from\": \"human\", \"value\": \"a\"}, {\"from\": \"gpt\", \"value\": \" \\n\"}]"),
                RejectReason.EMPTY_TURN, "turn 1 (gpt) is empty");
    }

    @Test
    void imageTokenInGptTurnIsQuarantined() throws IOException {
        assertQuarantined(record("g", "\"image\": \"ok.png\", ",
                        "[{\"from\": \"human\", \"value\": \"<image>\\nQ\"}, {\"from\": \"gpt\", \"value\": \"A <image>\"}]"),
                RejectReason.IMAGE_TOKEN_IN_GPT_TURN, "turn 1 (gpt)");
    }

    @Test
    void imageWithoutImageTokenIsQuarantined() throws IOException {
        assertQuarantined(record("m", "\"image\": \"ok.png\", ", GOOD_TURNS), RejectReason.MISSING_IMAGE_TOKEN, "never mentions");
    }

    @Test
    void duplicatedImageTokenIsQuarantined() throws IOException {
        assertQuarantined(record("d", "\"image\": \"ok.png\", ", "[{\"from\": \"human\", \"value\": \"<image>\\nQ\"},"
                        + " {\"from\": \"gpt\", \"value\": \"A\"}, {\"from\": \"human\", \"value\": \"<image> again\"},"
                        + " {\"from\": \"gpt\", \"value\": \"B\"}]"),
                RejectReason.DUPLICATE_IMAGE_TOKEN, "2 times");
    }

    @Test
    void duplicatedImageTokenInATranslationIsQuarantined() throws IOException {
        String twice = "[{\"from\": \"human\", \"value\": \"<image>\\n<image>\\nQ\"}, {\"from\": \"gpt\", \"value\": \"A\"}]";
        assertQuarantined(record("d2", "\"image\": \"ok.png\", \"french_conversation\": " + twice + ", ", IMAGE_TURNS),
                RejectReason.DUPLICATE_IMAGE_TOKEN, "'french_conversation'");
    }

    @Test
    void imageTokenWithoutImageIsQuarantined() throws IOException {
        assertQuarantined(record("w", "", IMAGE_TURNS), RejectReason.IMAGE_TOKEN_WITHOUT_IMAGE, "has no image");
    }

    @Test
    void missingImageFileIsQuarantined() throws IOException {
        assertQuarantined(record("f", "\"image\": \"coco/absent.jpg\", ", IMAGE_TURNS), RejectReason.MISSING_IMAGE,
                "'coco/absent.jpg' not found");
    }

    @Test
    void imagePathEscapingTheRootIsQuarantinedAsUnsafe() throws IOException {
        assertQuarantined(record("f2", "\"image\": \"../input.json\", ", IMAGE_TURNS), RejectReason.UNSAFE_IMAGE_PATH,
                "'..' segment");
        assertQuarantined(record("f3", "\"image\": \"coco/../../etc/passwd\", ", IMAGE_TURNS),
                RejectReason.UNSAFE_IMAGE_PATH, "'..' segment");
        assertQuarantined(record("f4", "\"image\": \"/etc/passwd\", ", IMAGE_TURNS), RejectReason.UNSAFE_IMAGE_PATH,
                "absolute");
        assertQuarantined(record("f5", "\"image\": \"http://169.254.169.254/x.png\", ", IMAGE_TURNS),
                RejectReason.UNSAFE_IMAGE_PATH, "URL");
        assertQuarantined(record("f6", "\"image\": \"ok.png\\u0000.jpg\", ", IMAGE_TURNS),
                RejectReason.UNSAFE_IMAGE_PATH, "control character");
        assertQuarantined(record("f7", "\"image\": \"coco\\\\..\\\\x.png\", ", IMAGE_TURNS),
                RejectReason.UNSAFE_IMAGE_PATH, "backslash");
    }

    /** Sources with no image root (anything but PALO-mini) still get the path checks: nothing escapes LLaVA's folder. */
    @Test
    void unsafeImagePathIsQuarantinedWithoutAnImageRoot() throws IOException {
        Path input = Files.write(dir.resolve("input.json"), ascii("[\n" + String.join(",\n", List.of(GOOD_BEFORE,
                record("t", "\"image\": \"../../../../etc/passwd\", ", IMAGE_TURNS), GOOD_AFTER)) + "\n]\n"));
        Path quarantine = dir.resolve("quarantine.jsonl");
        ValidationConfig config = new ValidationConfig(null, ValidationConfig.DEFAULT_MAX_RECORD_BYTES,
                LanguageRegistry.palo());
        ValidationResult result = new LlavaValidator(config).validate(input, dir.resolve("accepted.json"), quarantine,
                ValidationListener.NONE);

        assertEquals(2, result.accepted());
        assertEquals(1, result.rejected(RejectReason.UNSAFE_IMAGE_PATH));
        assertTrue(Files.readString(quarantine).contains("unsafe_image_path"));
    }

    @Test
    void undecodableImageIsQuarantined() throws IOException {
        assertQuarantined(record("u", "\"image\": \"broken.png\", ", IMAGE_TURNS), RejectReason.UNREADABLE_IMAGE, "broken.png");
    }

    @Test
    void mixedFileKeepsEveryGoodRecordAndCountsEveryReason() throws IOException {
        List<String> records = new ArrayList<>();
        List<String> expectedAccepted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "good" + i;
            records.add(i % 2 == 0 ? record(id, "\"image\": \"ok.png\", ", IMAGE_TURNS) : record(id, "", GOOD_TURNS));
            expectedAccepted.add(id);
            if (i % 3 == 0) {
                records.add(record("blank" + i, "", "[{\"from\": \"human\", \"value\": \"\"}, {\"from\": \"gpt\", \"value\": \"a\"}]"));
            }
            if (i % 5 == 0) {
                records.add(record("nofile" + i, "\"image\": \"nope" + i + ".png\", ", IMAGE_TURNS));
            }
            if (i % 7 == 0) {
                records.add("{\"id\": \"broken" + i + "\" \"conversations\": []}");
            }
        }
        Run run = validate(List.of(String.join(",\n", records)), ValidationConfig.DEFAULT_MAX_RECORD_BYTES);

        long blanks = records.stream().filter(r -> r.contains("\"blank")).count();
        long missing = records.stream().filter(r -> r.contains("\"nofile")).count();
        long broken = records.stream().filter(r -> r.contains("\"broken")).count();
        assertEquals(records.size(), run.result.records());
        assertEquals(expectedAccepted, run.acceptedIds());
        assertEquals(blanks, run.result.rejected(RejectReason.EMPTY_TURN));
        assertEquals(missing, run.result.rejected(RejectReason.MISSING_IMAGE));
        assertEquals(broken, run.result.rejected(RejectReason.MALFORMED_RECORD));
        assertEquals(records.size() - expectedAccepted.size(), run.result.rejectedTotal());
        assertEquals(run.result.rejectedTotal(), run.quarantine.size());
        for (JsonNode line : run.quarantine) {
            long index = line.get("index").asLong();
            assertEquals(records.get((int) index), line.get("raw").asText(), "quarantined raw text of record " + index);
        }
    }

    @Test
    void truncatedFileQuarantinesTheCutRecordAndReportsTheMissingBracket() throws IOException {
        byte[] file = ascii("[" + GOOD_BEFORE + ",\n" + GOOD_AFTER.substring(0, GOOD_AFTER.length() / 2));
        Run run = validate(file, ValidationConfig.DEFAULT_MAX_RECORD_BYTES);

        assertEquals(List.of("before"), run.acceptedIds());
        JsonNode line = run.singleRejection(RejectReason.MALFORMED_RECORD);
        assertEquals("the file ends inside this record", line.get("detail").asText());
        assertEquals(1, run.result.fileProblems().size());
        assertTrue(run.result.fileProblems().get(0).contains("closing ']'"));
    }

    @Test
    void contentAfterTheArrayIsQuarantined() throws IOException {
        Run run = validate(ascii("[" + GOOD_BEFORE + "]\n" + GOOD_AFTER), ValidationConfig.DEFAULT_MAX_RECORD_BYTES);

        assertEquals(List.of("before"), run.acceptedIds());
        JsonNode line = run.singleRejection(RejectReason.MALFORMED_RECORD);
        assertTrue(line.get("detail").asText().contains("after the closing ']'"), line.toString());
        assertEquals(GOOD_AFTER, line.get("raw").asText());
    }

    @Test
    void bracketsQuotesAndBackslashesInsideStringsDoNotConfuseSplitting() throws IOException {
        String tricky = record("t", "\"note\": \"]}, {[\\\\\", ", "[{\"from\": \"human\", \"value\": \"say \\\"}]\\\" {\"},"
                + " {\"from\": \"gpt\", \"value\": \"\\\\\"}]");
        Run run = validate(List.of(GOOD_BEFORE, tricky, GOOD_AFTER), ValidationConfig.DEFAULT_MAX_RECORD_BYTES);

        assertEquals(List.of("before", "t", "after"), run.acceptedIds());
        assertEquals("say \"}]\" {", run.accepted.get(1).conversations().get(0).value());
        assertEquals("\\", run.accepted.get(1).conversations().get(1).value());
    }

    @Test
    void recordsCutAcrossShortReadsAreSplitAsWhenReadWhole() throws IOException {
        String tricky = record("t", "\"note\": \"]}, {[\\\\\", ", GOOD_TURNS);
        String large = record("large", "\"pad\": \"" + "x".repeat(400) + "\", ", GOOD_TURNS);
        byte[] file = ascii("[\n" + String.join(",\n", GOOD_BEFORE, tricky, "42", large, GOOD_AFTER) + "\n]\n");
        // reads of 1 to 7 bytes put every record across many buffer refills, unlike one read of the whole file
        List<String> whole = validateStream(new ByteArrayInputStream(file), 300);
        Random random = new Random(7);
        List<String> trickled = validateStream(new FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        }, 300);

        assertEquals(whole, trickled);
        assertTrue(whole.get(1).contains("record_too_large"), whole.get(1));
    }

    /** The accepted file's and the quarantine's text after validating {@code in}. */
    private List<String> validateStream(InputStream in, int maxRecordBytes) throws IOException {
        Path output = dir.resolve("stream-accepted.json");
        Path quarantine = dir.resolve("stream-quarantine.jsonl");
        ValidationConfig config = new ValidationConfig(images, maxRecordBytes, LanguageRegistry.palo());
        try (LlavaJsonWriter accepted = LlavaJsonWriter.create(output);
             QuarantineWriter rejected = QuarantineWriter.create(quarantine)) {
            new LlavaValidator(config).validate(in, "stream", accepted, rejected, ValidationListener.NONE);
        }
        return List.of(Files.readString(output), Files.readString(quarantine));
    }

    @Test
    void aFileThatIsNoArrayIsRefusedAsAWhole() {
        IOException error = assertThrows(IOException.class,
                () -> validate(ascii(GOOD_BEFORE), ValidationConfig.DEFAULT_MAX_RECORD_BYTES));
        assertTrue(error.getMessage().contains("must be a JSON array"), error.getMessage());
    }

    @Test
    void byteOrderMarkAndEmptyArrayAreFine() throws IOException {
        Run run = validate(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ascii(" [ ]\n")),
                ValidationConfig.DEFAULT_MAX_RECORD_BYTES);
        assertEquals(0, run.result.records());
        assertEquals(List.of(), run.result.fileProblems());
    }

    private static final String GOOD_TURNS =
            "[{\"from\": \"human\", \"value\": \"Q\"}, {\"from\": \"gpt\", \"value\": \"A\"}]";
    private static final String IMAGE_TURNS =
            "[{\"from\": \"human\", \"value\": \"Q\\n<image>\"}, {\"from\": \"gpt\", \"value\": \"A\"}]";

    private static String record(String id, String fields, String conversations) {
        return "{\"id\": \"" + id + "\", " + fields + "\"conversations\": " + conversations + "}";
    }

    /** A bad record between two good ones: only it is quarantined, with its reason, index, id and raw text. */
    private void assertQuarantined(String bad, RejectReason reason, String detailFragment) throws IOException {
        Run run = validate(List.of(GOOD_BEFORE, bad, GOOD_AFTER), ValidationConfig.DEFAULT_MAX_RECORD_BYTES);

        assertEquals(List.of("before", "after"), run.acceptedIds());
        JsonNode line = run.singleRejection(reason);
        assertTrue(line.get("detail").asText().contains(detailFragment), line.toString());
        assertEquals(1, line.get("index").asLong());
        assertEquals(bad, line.get("raw").asText());
        JsonNode parsed = parseOrNull(bad);
        if (parsed != null) {
            assertEquals(parsed.get("id").asText(), line.get("id").asText());
        } else {
            assertTrue(line.get("id").isNull());
        }
    }

    private static JsonNode parseOrNull(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private Run validate(List<String> records, int maxRecordBytes) throws IOException {
        return validate(ascii("[\n" + String.join(",\n", records) + "\n]\n"), maxRecordBytes);
    }

    private Run validate(byte[] file, int maxRecordBytes) throws IOException {
        Path input = Files.write(dir.resolve("input.json"), file);
        Path output = dir.resolve("accepted.json");
        Path quarantine = dir.resolve("quarantine.jsonl");
        ValidationConfig config = new ValidationConfig(images, maxRecordBytes, LanguageRegistry.palo());
        ValidationResult result = new LlavaValidator(config).validate(input, output, quarantine, ValidationListener.NONE);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(quarantine, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        List<LlavaRecord> accepted = new ArrayList<>();
        try (LlavaJsonReader reader = LlavaJsonReader.open(output)) {
            reader.forEachRemaining(accepted::add);
        }
        return new Run(result, accepted, lines);
    }

    private record Run(ValidationResult result, List<LlavaRecord> accepted, List<JsonNode> quarantine) {

        List<String> acceptedIds() {
            return accepted.stream().map(LlavaRecord::id).toList();
        }

        JsonNode singleRejection(RejectReason reason) {
            assertEquals(1, result.rejectedTotal(), "rejections: " + result.rejected());
            assertEquals(1, result.rejected(reason), "rejections: " + result.rejected());
            assertEquals(1, quarantine.size());
            JsonNode line = quarantine.get(0);
            assertEquals(reason.code(), line.get("reason").asText());
            return line;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
