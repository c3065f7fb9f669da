package dev.palo.activities.validate;

import dev.palo.activities.support.LlavaSamples;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.validate.RejectReason;
import dev.palo.data.validate.ValidationConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * An English LLaVA source of good records with one bad record of every {@link RejectReason} between
 * them, and the images its records name: the good ones as PNGs, a damaged one, and one left out.
 *
 * @param json     the source file's bytes
 * @param good     the good records, in file order
 * @param badIds   the id each bad record carries (readable or not), by the reason it must be quarantined for
 * @param images   image path (relative to the image prefix) → bytes, the missing image absent
 */
record BadDataSource(byte[] json, List<LlavaRecord> good, Map<RejectReason, String> badIds,
                     Map<String, byte[]> images) {

    private static final String IMAGE_TURNS = turns("<image>\\nWhat is it?", "A square.");
    private static final String TEXT_TURNS = turns("Say hi.", "Hi!");

    /** {@code goodCount} good records (ids prefixed by {@code idPrefix}) around one bad record per reason. */
    static BadDataSource create(String idPrefix, int goodCount) {
        List<LlavaRecord> good = LlavaSamples.records(goodCount).stream()
                .map(r -> LlavaRecord.of(idPrefix + r.id(), r.image(), r.conversations())).toList();
        Map<RejectReason, String> badIds = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            badIds.put(reason, idPrefix + "bad-" + reason.code());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] goodArray = LlavaSamples.json(good);
        String goodText = new String(goodArray, StandardCharsets.UTF_8).strip();
        // the good records' array, reopened so the bad records can follow them
        out.writeBytes(goodText.substring(0, goodText.lastIndexOf(']')).getBytes(StandardCharsets.UTF_8));
        for (RejectReason reason : RejectReason.values()) {
            out.writeBytes(",\n".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(badRecord(reason, badIds.get(reason)));
        }
        out.writeBytes("\n]\n".getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> images = new LinkedHashMap<>();
        good.forEach(record -> images.put(record.image(), png()));
        images.put(imageOf(RejectReason.UNREADABLE_IMAGE), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        for (RejectReason reason : RejectReason.values()) {
            // images of records rejected for their text are stored too: they must not rescue them
            if (reason != RejectReason.MISSING_IMAGE && reason != RejectReason.UNREADABLE_IMAGE) {
                images.putIfAbsent(imageOf(reason), png());
            }
        }
        return new BadDataSource(out.toByteArray(), good, badIds, images);
    }

    long records() {
        return good.size() + badIds.size();
    }

    private static String imageOf(RejectReason reason) {
        return "images/" + reason.code() + ".png";
    }

    private static byte[] badRecord(RejectReason reason, String id) {
        String image = "\"image\": \"" + imageOf(reason) + "\", ";
        String text = switch (reason) {
            case INVALID_UTF8 -> null;
            case RECORD_TOO_LARGE -> record(id,
                    "\"padding\": \"" + "x".repeat(ValidationConfig.DEFAULT_MAX_RECORD_BYTES) + "\", ", TEXT_TURNS);
            case MALFORMED_RECORD -> "{\"id\": \"" + id + "\", \"conversations\": \"not a list\"}";
            case UNKNOWN_LANGUAGE -> record(id, "\"language\": \"xx\", ", TEXT_TURNS);
            case FLAGGED_CORRUPT -> record(id, "\"corrupt\": true, ", TEXT_TURNS);
            case EMPTY_CONVERSATION -> record(id, "", "[]");
            case ROLES_NOT_ALTERNATING -> record(id, "",
                    "[{\"from\": \"gpt\", \"value\": \"a\"}, {\"from\": \"human\", \"value\": \"b\"}]");
            case EMPTY_TURN -> record(id, "", turns("a", " "));
            case IMAGE_TOKEN_IN_GPT_TURN -> record(id, image, turns("<image>\\nQ", "A <image>"));
            case MISSING_IMAGE_TOKEN -> record(id, image, TEXT_TURNS);
            case DUPLICATE_IMAGE_TOKEN -> record(id, image, turns("<image>\\n<image>\\nQ", "A"));
            case IMAGE_TOKEN_WITHOUT_IMAGE -> record(id, "", IMAGE_TURNS);
            case UNSAFE_IMAGE_PATH -> record(id, "\"image\": \"../../../../etc/passwd\", ", IMAGE_TURNS);
            case MISSING_IMAGE, UNREADABLE_IMAGE -> record(id, image, IMAGE_TURNS);
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        // a Latin-1 byte where UTF-8 is required
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("{\"id\": \"" + id + "\", \"conversations\": [{\"from\": \"human\", \"value\": \"caf")
                .getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.writeBytes("\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}".getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** One human and one gpt turn, their values given as JSON string contents. */
    private static String turns(String human, String gpt) {
        return "[{\"from\": \"human\", \"value\": \"" + human + "\"}, {\"from\": \"gpt\", \"value\": \"" + gpt + "\"}]";
    }

    private static String record(String id, String fields, String turns) {
        return "{\"id\": \"" + id + "\", " + fields + "\"conversations\": " + turns + "}";
    }

    private static byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
        return out.toByteArray();
    }
}
