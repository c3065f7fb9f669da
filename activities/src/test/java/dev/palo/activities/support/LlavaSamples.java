package dev.palo.activities.support;

import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Small English LLaVA files with {@code <image>} at the start, the end and nowhere. */
public final class LlavaSamples {
    private LlavaSamples() {
    }

    public static List<LlavaRecord> records(int count) {
        List<LlavaRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String question = i % 3 == 2 ? "What colour is shape " + i + "?\n" + Turn.IMAGE_TOKEN
                    : Turn.IMAGE_TOKEN + "\nWhat colour is shape " + i + "?";
            records.add(LlavaRecord.of("sample-" + i, "images/" + i + ".png", List.of(
                    Turn.human(question),
                    Turn.gpt("It is red. Shape " + i + " sits on the left."),
                    Turn.human("How many corners does it have?"),
                    Turn.gpt("It has " + (i % 5 + 3) + " corners."))));
        }
        return records;
    }

    public static byte[] json(List<LlavaRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LlavaJsonWriter writer = new LlavaJsonWriter(out)) {
            records.forEach(writer::write);
        }
        return out.toByteArray();
    }

    /** Distinct pieces of text a translator is asked for: each is sent once per language. */
    public static long distinctTexts(List<LlavaRecord> records) {
        return records.stream().flatMap(r -> r.conversations().stream())
                .flatMap(turn -> dev.palo.activities.translation.translate.PlaceholderPreservingTranslator.pieces(turn.value()).stream())
                .distinct().count();
    }
}
