package dev.palo.benchmarks;

import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * LLaVA-like English instruction records for the translate benchmarks: two rounds each, the first question after
 * {@code <image>}; every text unique unless drawn from a smaller pool, and tagged with a nonce so that no run
 * finds another's texts in the translate cache.
 */
final class SyntheticInstructions {
    private static final String[] WORDS = ("the a red blue green large small square circle left right top bottom "
            + "picture shows there is are two three next to above below what colour shape how many where object "
            + "describe image detail person street car dog table window").split(" ");
    private static final int ROUNDS = 2;

    private SyntheticInstructions() {
    }

    /** {@code count} records; {@code distinctShare} below 1 draws their texts from a pool that share of their number. */
    static List<LlavaRecord> records(int count, String nonce, double distinctShare, Random random) {
        int texts = count * ROUNDS * 2;
        int pool = (int) Math.max(1, Math.round(texts * distinctShare));
        List<LlavaRecord> list = new ArrayList<>(count);
        int next = 0;
        for (int i = 0; i < count; i++) {
            List<Turn> turns = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                int q = pool >= texts ? next++ : random.nextInt(pool);
                int a = pool >= texts ? next++ : random.nextInt(pool);
                String question = text(nonce, q, 6 + q % 8) + "?";
                turns.add(Turn.human(round == 0 ? Turn.IMAGE_TOKEN + "\n" + question : question));
                turns.add(Turn.gpt(text(nonce, a, 20 + a % 20)));
            }
            String id = String.format(Locale.ROOT, "%s-%08d", nonce, i);
            list.add(LlavaRecord.of(id, "coco/train2017/" + id + ".jpg", turns));
        }
        return list;
    }

    /** The records as a LLaVA JSON file. */
    static void write(List<LlavaRecord> records, Path file) throws IOException {
        try (LlavaJsonWriter writer = LlavaJsonWriter.create(file)) {
            records.forEach(writer::write);
        }
    }

    /** Words drawn from the text's number: texts repeat exactly when their numbers do. */
    private static String text(String nonce, int number, int words) {
        Random shaped = new Random(number);
        StringBuilder text = new StringBuilder("[" + nonce.substring(0, 8) + "-" + number + "]");
        for (int w = 0; w < words; w++) {
            text.append(' ').append(WORDS[shaped.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
